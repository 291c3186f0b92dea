package org.socketboard.dashboard.widget;

import com.fasterxml.jackson.databind.JsonNode;
import org.socketboard.dashboard.chart.FieldValues;
import org.socketboard.dashboard.domain.WidgetConfig.Format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Shows record fields as text: numbers with two decimals (from 10<sup>15</sup> on in scientific
 * notation, {@code 1.00000e+308}, rather than hundreds of digits), timestamps (every form
 * {@link org.socketboard.base.Timestamps} reads) in the dashboard's local time, anything else as it
 * comes. A value that does not fit its format is shown as it comes rather than hidden; any text is
 * cut to {@value #MAX_CHARS} characters.
 */
final class FieldFormatter {

    static final int MAX_CHARS = 500;
    private static final double PLAIN_BELOW = 1e15;

    private final DateTimeFormatter localTime;

    FieldFormatter(ZoneId zone) {
        this.localTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(zone);
    }

    String format(JsonNode field, Format format) {
        if (field.isMissingNode() || field.isNull()) {
            return "";
        }
        return switch (format == null ? Format.TEXT : format) {
            case NUMBER -> {
                Double number = FieldValues.number(field);
                yield number != null ? number(number) : text(field);
            }
            case TIME -> {
                Long millis = FieldValues.epochMillis(field);
                yield millis != null ? localTime.format(Instant.ofEpochMilli(millis)) : text(field);
            }
            case TEXT -> text(field);
        };
    }

    static String number(double value) {
        return String.format(Locale.ROOT, Math.abs(value) < PLAIN_BELOW ? "%,.2f" : "%.5e", value);
    }

    /** A value's text; objects and arrays as compact JSON. */
    static String text(JsonNode field) {
        if (field.isMissingNode() || field.isNull()) {
            return "";
        }
        String text = field.isValueNode() ? field.asText() : field.toString();
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS - 1) + "…";
    }
}
