package org.socketboard.upstream.domain;

import org.junit.jupiter.api.Test;
import org.socketboard.testsupport.HostileStrings;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamReasonTest {

    @Test
    void everyHostileStringBecomesOneLineWithoutInvisibleCharactersAndKeepsItsVisibleText() {
        for (String hostile : HostileStrings.ALL) {
            String reason = UpstreamReason.of("refused: " + hostile + "\r\nsecond line " + hostile);

            assertThat(reason).as(hostile)
                    .startsWith("refused: ")
                    .doesNotContain("second line")
                    .hasSizeLessThanOrEqualTo(UpstreamReason.LIMIT);
            assertThat(reason.codePoints()).as(hostile).noneMatch(c -> Character.getType(c) == Character.CONTROL
                    || Character.getType(c) == Character.FORMAT);
        }
        // Markup is kept as the text it is: views show reasons as text, and escaping is theirs.
        assertThat(UpstreamReason.of(HostileStrings.SCRIPT)).isEqualTo(HostileStrings.SCRIPT);
        assertThat(UpstreamReason.of(HostileStrings.LOOKS_ESCAPED)).isEqualTo(HostileStrings.LOOKS_ESCAPED);
    }

    @Test
    void directionMarksAndOverridesAreRemovedSoTheTextReadsAsItIsStored() {
        assertThat(UpstreamReason.of(HostileStrings.DIRECTION_MARKS)).isEqualTo("txt.exe right left iso");
    }

    @Test
    void controlCharactersGoAndTabsAndRunsOfSpacesBecomeOneSpace() {
        assertThat(UpstreamReason.of("bad\u0000 token\u0007\t\t(expired)\u001b[31m")).isEqualTo("bad token (expired)[31m");
    }

    @Test
    void onlyTheFirstNonBlankLineIsKeptWhateverTheLineBreak() {
        assertThat(UpstreamReason.of("\n\r\n  first\u2028second")).isEqualTo("first");
        assertThat(UpstreamReason.of("first\u0085second")).isEqualTo("first");
        assertThat(UpstreamReason.of("first\rsecond")).isEqualTo("first");
    }

    @Test
    void javaExceptionClassNamesAreDroppedButTheirMessageStays() {
        assertThat(UpstreamReason.of("org.springframework.messaging.MessageDeliveryException: Unknown destination /x"))
                .isEqualTo("Unknown destination /x");
        assertThat(UpstreamReason.of("Failed: java.lang.IllegalStateException: broker not available\n\tat com.acme.Broker.run(Broker.java:12)"))
                .isEqualTo("Failed: broker not available");
        assertThat(UpstreamReason.of("com.acme.Feed$AuthError token expired")).isEqualTo("token expired");
        assertThat(UpstreamReason.of("NullPointerException")).isEmpty();
        // Ordinary words that end the same way are not class names.
        assertThat(UpstreamReason.of("Error: not authorized")).isEqualTo("Error: not authorized");
    }

    @Test
    void aStackFrameLeftBehindAClassNameIsDroppedToo() {
        assertThat(UpstreamReason.of("Internal error: java.lang.NullPointerException at com.acme.X"))
                .isEqualTo("Internal error");
        assertThat(UpstreamReason.of("Internal error: NullPointerException at Handler")).isEqualTo("Internal error");
        assertThat(UpstreamReason.of("broker down at com.x.Y.z(Y.java:12)")).isEqualTo("broker down");
    }

    @Test
    void linesThatAreOnlyStackTraceAreSkippedForTheFirstLineWithWords() {
        assertThat(UpstreamReason.of("\tat com.x.Y.z(Y.java:12)\nqueue gone")).isEqualTo("queue gone");
        assertThat(UpstreamReason.of("Caused by: java.io.IOException: disk full")).isEqualTo("disk full");
        assertThat(UpstreamReason.of("... 5 more\nrestarting")).isEqualTo("restarting");
        assertThat(UpstreamReason.of("\tat com.x.Y.z(Y.java:12)\n\t... 5 more", "no reason given")).isEqualTo("no reason given");
        // Words that merely contain "at" are no frames.
        assertThat(UpstreamReason.of("look at the logs at noon")).isEqualTo("look at the logs at noon");
    }

    @Test
    void aLongReasonIsCutToTheLimitWithAnEllipsisAndNeverInsideASurrogatePair() {
        String longest = UpstreamReason.of("x".repeat(500));
        assertThat(longest).hasSize(UpstreamReason.LIMIT).endsWith("…");

        String emoji = UpstreamReason.of("y".repeat(UpstreamReason.LIMIT - 2) + "\uD83D\uDE00".repeat(10));
        assertThat(emoji).hasSizeLessThanOrEqualTo(UpstreamReason.LIMIT).endsWith("…");
        assertThat(emoji.codePoints()).as("no half of a pair").noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
        assertThat(UpstreamReason.of("z".repeat(UpstreamReason.LIMIT))).hasSize(UpstreamReason.LIMIT).doesNotEndWith("…");
    }

    @Test
    void nothingReadableGivesTheFallback() {
        assertThat(UpstreamReason.of(null)).isEmpty();
        assertThat(UpstreamReason.of(" \u200F\u0000\n ", "no reason given")).isEqualTo("no reason given");
        assertThat(UpstreamReason.of("token expired", "no reason given")).isEqualTo("token expired");
    }
}
