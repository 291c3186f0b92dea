package org.socketboard.base;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class BidiControlsTest {

    @ParameterizedTest
    @ValueSource(chars = {'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069',
            '\u200E', '\u200F', '\u061C'})
    void eachEmbeddingOverrideIsolateAndMarkIsRemoved(char control) {
        assertThat(BidiControls.strip("a" + control + "b" + control)).isEqualTo("ab");
    }

    @Test
    void anOverriddenFileNameReadsAsItIsStored() {
        assertThat(BidiControls.strip("invoice_\u202Efdp.exe")).isEqualTo("invoice_fdp.exe");
    }

    @Test
    void rightToLeftLettersEmojiJoinersAndOtherTextStayAsTheyCame() {
        String text = "שלום مرحبا 👩\u200D💻 a\u200Bb <b>x</b>";

        assertThat(BidiControls.strip(text)).isSameAs(text);
    }

    @Test
    void anOverriddenFileNameShownVisiblyNamesTheOverrideInReadingOrder() {
        assertThat(BidiControls.visible("\u202Egnp.exe")).isEqualTo("\u27E8U+202E\u27E9gnp.exe");
    }

    @ParameterizedTest
    @ValueSource(chars = {'\u2066', '\u200F', '\u061C'})
    void isolatesAndMarksAreShownVisiblyByTheirCodePoint(char control) {
        assertThat(BidiControls.visible("a" + control + "b"))
                .isEqualTo(String.format("a\u27E8U+%04X\u27E9b", (int) control));
    }

    @Test
    void textWithoutBidiControlsIsShownAsItCame() {
        String text = "שלום 👩\u200D💻";

        assertThat(BidiControls.visible(text)).isSameAs(text);
    }

    @Test
    void nullStaysNull() {
        assertThat(BidiControls.visible(null)).isNull();
        assertThat(BidiControls.strip(null)).isNull();
    }
}
