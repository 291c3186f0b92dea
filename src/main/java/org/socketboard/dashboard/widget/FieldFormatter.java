package org.socketboard.dashboard.widget;

import com.fasterxml.jackson.databind.JsonNode;
import org.socketboard.base.BidiControls;
import org.socketboard.base.ui.ViewerTime;
import org.socketboard.dashboard.chart.FieldValues;
import org.socketboard.dashboard.domain.WidgetConfig.Format;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Shows record fields as text: numbers with the chosen decimals (two unless chosen) and unit, grouped
 * as the viewer's locale writes them (from 10<sup>15</sup> on in scientific notation,
 * {@code 1.00000e+308}, rather than hundreds of digits); timestamps (every form
 * {@link org.socketboard.base.Timestamps} reads) in the viewer's time zone and locale
 * ({@link ViewerTime}: the browser's, not the server's); anything else as it comes. A value that does
 * not fit its format is shown as it comes rather than hidden; any text is cut to {@value #MAX_CHARS}
 * characters and loses its bidi controls (a feed value may not reorder what is shown).
 */
final class FieldFormatter {

    static final int MAX_CHARS = 500;
    private static final int DEFAULT_DECIMALS = 2;
    private static final double PLAIN_BELOW = 1e15;

    private final ViewerTime viewer;

    FieldFormatter(ViewerTime viewer) {
        this.viewer = viewer;
    }

    String format(JsonNode field, Format format) {
        return format(field, format, null, null);
    }

    /**
     * @param decimals for numbers, digits after the point; null: two
     * @param unit     after a number; null or blank: none
     */
    String format(JsonNode field, Format format, Integer decimals, String unit) {
        if (field.isMissingNode() || field.isNull()) {
            return "";
        }
        return switch (format == null ? Format.TEXT : format) {
            case NUMBER -> {
                Double number = FieldValues.number(field);
                yield number != null ? withUnit(number(number, decimals), unit) : text(field);
            }
            case TIME -> {
                Long millis = FieldValues.epochMillis(field);
                yield millis != null ? time(millis) : text(field);
            }
            case TEXT -> text(field);
        };
    }

    /** In the viewer's zone and locale: "14 Nov 2023, 23:13:20" for en-GB in Europe/Paris. */
    String time(long epochMillis) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(viewer.locale())
                .withZone(viewer.zone()).format(Instant.ofEpochMilli(epochMillis));
    }

    /** The number with {@code decimals} (null: two), grouped in the viewer's locale. */
    String number(double value, Integer decimals) {
        int digits = decimals == null ? DEFAULT_DECIMALS : decimals;
        return Math.abs(value) < PLAIN_BELOW ? String.format(viewer.locale(), "%,." + digits + "f", value)
                : String.format(Locale.ROOT, "%.5e", value);
    }

    static String withUnit(String number, String unit) {
        return unit == null || unit.isBlank() ? number : number + " " + unit;
    }

    /** Two decimals, as in every locale's neutral form: for changes and where no viewer is known. */
    static String number(double value) {
        return String.format(Locale.ROOT, Math.abs(value) < PLAIN_BELOW ? "%,.2f" : "%.5e", value);
    }

    /** A value's text; objects and arrays as compact JSON; without bidi controls ({@link BidiControls}). */
    static String text(JsonNode field) {
        if (field.isMissingNode() || field.isNull()) {
            return "";
        }
        String text = BidiControls.strip(field.isValueNode() ? field.asText() : field.toString());
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS - 1) + "…";
    }
}
