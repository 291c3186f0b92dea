package org.socketboard.service.inference;

import com.fasterxml.jackson.databind.JsonNode;
import org.socketboard.base.Timestamps;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a field of a sample is a {@link org.socketboard.service.domain.FieldType#TIMESTAMP},
 * from its name and its values (read by {@link Timestamps}), so that a price or an id never becomes
 * one:
 * <ul>
 *   <li>texts that all read as dates written out ({@code 2023-11-14T22:13:20Z},
 *   {@code Tue, 14 Nov 2023 22:13:20 GMT}): a timestamp whatever the name;</li>
 *   <li>epoch numbers or digit texts: only under a time-like name, and only when every value falls
 *   between {@link #EARLIEST} and {@link #LATEST}. Time-like names hold a word {@code time},
 *   {@code timestamp}, {@code ts}, {@code date}, {@code datetime} or {@code epoch}, or end in the word
 *   {@code at} (so {@code time}, {@code eventTime}, {@code ts_ms}, {@code created_at}, {@code updatedAt},
 *   {@code at}); words are split at {@code _ - . space} and at camel case;</li>
 *   <li>the one-letter names that exchange feeds use for times ({@code T}, {@code E}, {@code t}) also
 *   name trade ids and counters, so their numbers must be epoch milliseconds or finer
 *   (≥ 10<sup>11</sup>), not seconds.</li>
 * </ul>
 */
final class TimestampFields {

    /** The plausible window for an epoch number in a live feed. */
    static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private static final Set<String> TIME_WORDS = Set.of("time", "timestamp", "ts", "date", "datetime", "epoch");
    private static final Set<String> ONE_LETTER_TIMES = Set.of("T", "E", "t");
    private static final Pattern WORD_BREAK = Pattern.compile("[_\\-. ]+|(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern DIGITS = Pattern.compile("\\s*[+-]?\\d+(\\.\\d+)?\\s*");
    private static final double MILLIS_FROM = 1e11;

    private TimestampFields() {
    }

    /** Whether the non-null {@code values} of the field {@code name} are timestamps (see the class comment). */
    static boolean areTimestamps(String name, List<JsonNode> values) {
        List<JsonNode> present = values.stream().filter(value -> !value.isNull()).toList();
        if (present.isEmpty()) {
            return false;
        }
        if (present.stream().allMatch(value -> value.isTextual() && Timestamps.isDateText(value.textValue()))) {
            return true;
        }
        boolean oneLetter = ONE_LETTER_TIMES.contains(name);
        return (oneLetter || isTimeName(name)) && present.stream().allMatch(value -> isEpoch(value, oneLetter));
    }

    static boolean isTimeName(String name) {
        String[] words = WORD_BREAK.split(name.strip());
        for (String word : words) {
            if (TIME_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return words.length > 0 && words[words.length - 1].equalsIgnoreCase("at");
    }

    private static boolean isEpoch(JsonNode value, boolean millisOrFiner) {
        boolean number = value.isNumber() || value.isTextual() && DIGITS.matcher(value.textValue()).matches();
        if (!number) {
            return false;
        }
        if (millisOrFiner && Math.abs(value.isNumber() ? value.doubleValue() : Double.parseDouble(value.textValue())) < MILLIS_FROM) {
            return false;
        }
        Instant instant = Timestamps.read(value);
        return instant != null && !instant.isBefore(EARLIEST) && instant.isBefore(LATEST);
    }
}
