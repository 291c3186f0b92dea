package org.socketboard.dashboard.chart;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/**
 * Reads record fields as charts and widgets need them: numbers (also from numeric text) and
 * timestamps the way feeds send them: ISO-8601 with an offset, without one (taken as UTC), a bare
 * date, or an epoch number (seconds or milliseconds), as a number or as text.
 */
public final class FieldValues {

    /** Epoch numbers below this are seconds, above it milliseconds (10^11 s is the year 5138). */
    private static final long SECONDS_LIMIT = 100_000_000_000L;

    private static final List<Function<String, Instant>> TEXT_FORMS = List.of(
            text -> OffsetDateTime.parse(text).toInstant(),
            text -> LocalDateTime.parse(text).toInstant(ZoneOffset.UTC),
            text -> LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());

    private FieldValues() {
    }

    /** The epoch milliseconds of {@code field}, or null when it is not a timestamp. */
    public static Long epochMillis(JsonNode field) {
        if (field.isNumber()) {
            return millisFromEpoch(field.asDouble());
        }
        return field.isTextual() ? parse(field.asText().trim()) : null;
    }

    private static Long parse(String text) {
        for (Function<String, Instant> form : TEXT_FORMS) {
            try {
                return form.apply(text).toEpochMilli();
            } catch (DateTimeParseException otherForm) {
                // try the next form
            }
        }
        try {
            double epoch = Double.parseDouble(text);
            return Double.isFinite(epoch) ? millisFromEpoch(epoch) : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static long millisFromEpoch(double epoch) {
        return Math.round(Math.abs(epoch) < SECONDS_LIMIT ? epoch * 1000 : epoch);
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
