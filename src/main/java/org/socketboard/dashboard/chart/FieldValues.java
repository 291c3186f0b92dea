package org.socketboard.dashboard.chart;

import com.fasterxml.jackson.databind.JsonNode;
import org.socketboard.base.Timestamps;

import java.time.Instant;

/**
 * Reads record fields as charts and widgets need them: numbers (also from numeric text) and
 * timestamps in every form {@link Timestamps} reads (epoch s, ms, µs or ns by magnitude, ISO-8601 and
 * its variants, RFC 2822 dates).
 */
public final class FieldValues {

    private FieldValues() {
    }

    /** The epoch milliseconds of {@code field} (years 1 to 9999), or null when it is not a timestamp. */
    public static Long epochMillis(JsonNode field) {
        Instant instant = Timestamps.read(field);
        return instant == null ? null : instant.toEpochMilli();
    }

    /** The finite number in {@code field} (a number or numeric text), or null. */
    public static Double number(JsonNode field) {
        if (field.isNumber()) {
            return finite(field.asDouble());
        }
        if (field.isTextual()) {
            try {
                return finite(Double.parseDouble(field.asText().trim()));
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
