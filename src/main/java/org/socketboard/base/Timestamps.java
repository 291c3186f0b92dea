package org.socketboard.base;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a timestamp the way feeds send one; the one place where SocketBoard decides what a time is
 * (field inference, charts, grids).
 *
 * <h2>Epoch numbers</h2>
 * A JSON number or a text of digits ({@code "1700000000"}, {@code "-5"}, {@code "1700000000.25"}) counts
 * from 1970-01-01T00:00Z in a unit decided by its magnitude |n|, as exchange and IoT feeds mix them:
 * <ul>
 *   <li>|n| &lt; 10<sup>11</sup>: seconds (up to the year 5138);</li>
 *   <li>10<sup>11</sup> ≤ |n| &lt; 10<sup>14</sup>: milliseconds (from 1973-03-03 on);</li>
 *   <li>10<sup>14</sup> ≤ |n| &lt; 10<sup>17</sup>: microseconds;</li>
 *   <li>10<sup>17</sup> ≤ |n| &lt; 10<sup>20</sup>: nanoseconds;</li>
 *   <li>larger: not a timestamp.</li>
 * </ul>
 * A text of exactly eight digits that is a valid date ({@code "20231114"}) is that date (ISO-8601
 * basic form); a number of eight digits stays epoch seconds.
 *
 * <h2>Texts</h2>
 * The forms that Python's {@code dateutil} and JavaScript's {@code date-fns} read, with java.time:
 * <ul>
 *   <li>ISO-8601 and its everyday variants: {@code 2023-11-14T22:13:20Z}, a space instead of the
 *   {@code T}, {@code /} instead of {@code -} in the date, the basic form {@code 20231114T221320Z},
 *   seconds or the whole time left out, a fraction of any length (cut to nanoseconds, {@code .} or
 *   {@code ,}), an offset {@code Z}, {@code +01:00}, {@code +0100} or {@code +01}, {@code UTC} or
 *   {@code GMT}, and optionally a zone region in brackets ({@code [Europe/Paris]});</li>
 *   <li>RFC 1123 / RFC 2822 dates: {@code Tue, 14 Nov 2023 22:13:20 GMT}, the weekday optional,
 *   the zone {@code GMT}, {@code UT}, {@code UTC}, {@code Z} or {@code +HHMM}.</li>
 * </ul>
 * Without an offset a time is UTC; without a time it is the start of the day in UTC. Letters are read
 * in any case.
 *
 * <h2>Range</h2>
 * Only instants from 0001-01-01T00:00Z to 9999-12-31T23:59:59.999999999Z are timestamps; anything
 * else (NaN, Infinity, 1e308, year 10000, an empty text, an object) reads as {@code null}.
 */
public final class Timestamps {

    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static final long SECONDS_BELOW = 100_000_000_000L;
    private static final long MILLIS_BELOW = 100_000_000_000_000L;
    private static final long MICROS_BELOW = 100_000_000_000_000_000L;
    private static final BigDecimal NANOS_BELOW = BigDecimal.TEN.pow(20);
    /** Longer texts are no timestamp; keeps hostile input from costing a parse. */
    private static final int MAX_TEXT = 80;

    private static final Pattern EPOCH_TEXT = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");
    private static final Pattern BASIC_DATE = Pattern.compile("\\d{8}");
    /** Fraction digits beyond nanoseconds, which java.time does not read. */
    private static final Pattern SUB_NANOS = Pattern.compile("([.,]\\d{9})\\d+");

    private static final DateTimeFormatter ISO_LIKE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendValue(ChronoField.YEAR, 4)
            .optionalStart().appendLiteral('-').optionalEnd()
            .optionalStart().appendLiteral('/').optionalEnd()
            .appendValue(ChronoField.MONTH_OF_YEAR, 2)
            .optionalStart().appendLiteral('-').optionalEnd()
            .optionalStart().appendLiteral('/').optionalEnd()
            .appendValue(ChronoField.DAY_OF_MONTH, 2)
            .optionalStart()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .optionalStart().appendLiteral(':').optionalEnd()
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart()
            .optionalStart().appendLiteral(':').optionalEnd()
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalStart().appendLiteral(',').appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false).optionalEnd()
            .optionalEnd()
            .optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(zone())
            .optionalStart().appendLiteral('[').parseCaseSensitive().appendZoneRegionId().appendLiteral(']').optionalEnd()
            .toFormatter(Locale.ROOT);

    private static final DateTimeFormatter RFC_2822 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .optionalStart().appendText(ChronoField.DAY_OF_WEEK, TextStyle.SHORT).appendLiteral(',')
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalEnd()
            .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE)
            .appendLiteral(' ')
            .appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT)
            .appendLiteral(' ')
            .appendValue(ChronoField.YEAR, 4)
            .appendLiteral(' ')
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(zone())
            .toFormatter(Locale.ENGLISH);

    private Timestamps() {
    }

    /** The optional zone: {@code Z}, {@code UTC}, {@code GMT}, {@code UT}, or an offset with or without colon. */
    private static DateTimeFormatter zone() {
        var builder = new DateTimeFormatterBuilder().parseCaseInsensitive();
        for (String utc : List.of("UTC", "GMT", "UT")) {
            builder.optionalStart().appendLiteral(utc).optionalEnd();
        }
        // Lenient "+HH" reads +01, +0100 and +01:00 alike; "Z" stands for +00:00.
        return builder.optionalStart().parseLenient().appendOffset("+HH", "Z").optionalEnd()
                .toFormatter(Locale.ROOT);
    }

    /** The instant in {@code field} (a JSON number or a text, as above), or null when it holds none. */
    public static Instant read(JsonNode field) {
        if (field == null) {
            return null;
        }
        if (field.isIntegralNumber() && field.canConvertToLong()) {
            return fromEpoch(field.longValue());
        }
        if (field.isNumber()) {
            return field.isFloatingPointNumber() && !Double.isFinite(field.doubleValue())
                    ? null : fromEpoch(field.decimalValue());
        }
        return field.isTextual() ? read(field.textValue()) : null;
    }

    /** The instant that {@code text} names (as above), or null. */
    public static Instant read(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_TEXT) {
            return null;
        }
        if (BASIC_DATE.matcher(trimmed).matches()) {
            Instant date = parse(trimmed);
            if (date != null) {
                return date;
            }
        }
        if (EPOCH_TEXT.matcher(trimmed).matches()) {
            return fromEpoch(new BigDecimal(trimmed));
        }
        return parse(SUB_NANOS.matcher(trimmed).replaceFirst("$1"));
    }

    /** Whether {@code text} is a timestamp written as a date rather than as epoch digits. */
    public static boolean isDateText(String text) {
        return text != null && !EPOCH_TEXT.matcher(text.strip()).matches() && read(text) != null;
    }

    /** The epoch number {@code epoch} in the unit its magnitude says (see the class comment), or null. */
    public static Instant fromEpoch(long epoch) {
        if (epoch == Long.MIN_VALUE) {
            return null;
        }
        long magnitude = Math.abs(epoch);
        Instant instant;
        if (magnitude < SECONDS_BELOW) {
            instant = Instant.ofEpochSecond(epoch);
        } else if (magnitude < MILLIS_BELOW) {
            instant = Instant.ofEpochMilli(epoch);
        } else if (magnitude < MICROS_BELOW) {
            instant = Instant.ofEpochSecond(Math.floorDiv(epoch, 1_000_000L), Math.floorMod(epoch, 1_000_000L) * 1_000L);
        } else {
            instant = Instant.ofEpochSecond(Math.floorDiv(epoch, 1_000_000_000L), Math.floorMod(epoch, 1_000_000_000L));
        }
        return inRange(instant);
    }

    /** As {@link #fromEpoch(long)}, for fractional or very large numbers. */
    public static Instant fromEpoch(BigDecimal epoch) {
        BigDecimal magnitude = epoch.abs();
        if (magnitude.compareTo(NANOS_BELOW) >= 0) {
            return null;
        }
        int decimals;
        if (magnitude.compareTo(BigDecimal.valueOf(SECONDS_BELOW)) < 0) {
            decimals = 0;
        } else if (magnitude.compareTo(BigDecimal.valueOf(MILLIS_BELOW)) < 0) {
            decimals = 3;
        } else if (magnitude.compareTo(BigDecimal.valueOf(MICROS_BELOW)) < 0) {
            decimals = 6;
        } else {
            decimals = 9;
        }
        BigDecimal seconds = epoch.movePointLeft(decimals);
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValue();
        return inRange(Instant.ofEpochSecond(whole.longValueExact(), 0).plusNanos(nanos));
    }

    /**
     * The text by the one form its start calls for: four digits start an ISO date, anything else an
     * RFC 2822 one. Parsed without resolving, so that a text that is no date mostly costs no exception.
     */
    private static Instant parse(String text) {
        DateTimeFormatter form = startsWithYear(text) ? ISO_LIKE : RFC_2822;
        ParsePosition position = new ParsePosition(0);
        try {
            TemporalAccessor parsed = form.parseUnresolved(text, position);
            if (parsed == null || position.getErrorIndex() >= 0 || position.getIndex() != text.length()) {
                return null;
            }
            return inRange(resolve(parsed));
        } catch (DateTimeException invalid) {
            return null; // 2023-02-30, 25:00, an offset beyond ±18:00, a weekday that is not the date's
        }
    }

    private static boolean startsWithYear(String text) {
        for (int i = 0; i < 4; i++) {
            if (i >= text.length() || !Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static Instant resolve(TemporalAccessor parsed) {
        LocalDateTime local = LocalDateTime.of(valueOr(parsed, ChronoField.YEAR), valueOr(parsed, ChronoField.MONTH_OF_YEAR),
                valueOr(parsed, ChronoField.DAY_OF_MONTH),
                valueOr(parsed, ChronoField.HOUR_OF_DAY), valueOr(parsed, ChronoField.MINUTE_OF_HOUR),
                valueOr(parsed, ChronoField.SECOND_OF_MINUTE), valueOr(parsed, ChronoField.NANO_OF_SECOND));
        if (parsed.isSupported(ChronoField.DAY_OF_WEEK)
                && parsed.getLong(ChronoField.DAY_OF_WEEK) != local.getDayOfWeek().getValue()) {
            throw new DateTimeException("the weekday is not the date's");
        }
        ZoneId zone = parsed.query(TemporalQueries.zone());
        return local.atZone(zone != null ? zone : ZoneOffset.UTC).toInstant();
    }

    private static int valueOr(TemporalAccessor parsed, ChronoField field) {
        return parsed.isSupported(field) ? Math.toIntExact(parsed.getLong(field)) : 0;
    }

    private static Instant inRange(Instant instant) {
        return instant.isBefore(MIN) || instant.isAfter(MAX) ? null : instant;
    }
}
