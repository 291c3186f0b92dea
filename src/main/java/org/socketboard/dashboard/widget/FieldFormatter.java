package org.socketboard.dashboard.widget;

import com.fasterxml.jackson.databind.JsonNode;
import org.socketboard.dashboard.chart.FieldValues;
import org.socketboard.dashboard.domain.WidgetConfig.Format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Shows record fields as text: numbers with two decimals, timestamps (ISO-8601 or epoch) in the
 * dashboard's local time, anything else as it comes. A value that does not fit its format is shown
 * as it comes rather than hidden.
 */
final class FieldFormatter {

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
        return String.format(Locale.ROOT, "%,.2f", value);
    }

    /** A value's text; objects and arrays as compact JSON. */
    static String text(JsonNode field) {
        if (field.isMissingNode() || field.isNull()) {
            return "";
        }
        return field.isValueNode() ? field.asText() : field.toString();
    }
}
