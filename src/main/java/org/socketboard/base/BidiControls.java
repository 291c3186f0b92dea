package org.socketboard.base;

import java.util.Locale;

/**
 * Feed text made safe to show in reading order: Unicode's explicit bidirectional formatting characters
 * are removed — the embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069 and the marks
 * U+200E, U+200F and U+061C (Unicode Bidirectional Algorithm, UAX #9, section 2) — so that a value from a
 * feed cannot reorder what a viewer sees in it or around it (U+202E before {@code "fdp.exe"} makes it read
 * {@code "exe.pdf"}). Everything else stays as it came: right-to-left letters still read right to left,
 * and zero-width joiners (emoji sequences) are kept. The frontend's {@code apex-text-only.ts} removes the
 * same characters from the texts ApexCharts writes as HTML.
 */
public final class BidiControls {

    private BidiControls() {
    }

    /** {@code text} without the bidi controls; null stays null. */
    public static String strip(String text) {
        if (text == null || text.chars().noneMatch(BidiControls::isControl)) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        text.chars().filter(c -> !isControl(c)).forEach(c -> kept.append((char) c));
        return kept.toString();
    }

    /**
     * {@code text} with each bidi control written out as a visible mark, U+202E as {@code "⟨U+202E⟩"},
     * for where a user looks for what a server really sent (the variable inspector), so that it neither
     * reorders the text nor vanishes; null stays null.
     */
    public static String visible(String text) {
        if (text == null || text.chars().noneMatch(BidiControls::isControl)) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> {
            if (isControl(c)) {
                shown.append(String.format(Locale.ROOT, "\u27E8U+%04X\u27E9", c));
            } else {
                shown.append((char) c);
            }
        });
        return shown.toString();
    }

    /** Whether {@code c} is one of the removed characters (all are in the Basic Multilingual Plane). */
    public static boolean isControl(int c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069' || c == '\u200E' || c == '\u200F'
                || c == '\u061C';
    }
}
