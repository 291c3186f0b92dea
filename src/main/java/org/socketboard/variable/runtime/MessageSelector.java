package org.socketboard.variable.runtime;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.socketboard.variable.domain.MessageFilter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A compiled {@link MessageFilter}: decides, per decoded message, whether it goes on to the record
 * path and the strategy. Immutable and thread-safe.
 *
 * <p>Patterns are RE2 ({@code com.google.re2j}), which matches in time linear in the input, so no
 * pattern can backtrack catastrophically; RE2 refuses back-references and look-around when compiled.
 * Patterns are at most {@value #MAX_PATTERN_LENGTH} characters and are tried on the first
 * {@value #MAX_MATCHED_CHARS} characters of a value.
 */
public final class MessageSelector {

    public static final int MAX_CONDITIONS = 20;
    public static final int MAX_PATTERN_LENGTH = 500;
    public static final int MAX_MATCHED_CHARS = 4096;

    /** Lets every message through. */
    public static final MessageSelector ALL = new MessageSelector(MessageFilter.NONE, List.of());

    private final MessageFilter filter;
    private final List<Predicate<JsonNode>> tests;

    private MessageSelector(MessageFilter filter, List<Predicate<JsonNode>> tests) {
        this.filter = filter;
        this.tests = tests;
    }

    /**
     * @throws IllegalArgumentException saying which condition is wrong and why, in words for people
     *                                  ("Condition 2: the field 'type' is not a JSON Pointer …")
     */
    public static MessageSelector compile(MessageFilter filter) {
        if (filter == null || filter.isEmpty()) {
            return ALL;
        }
        if (filter.conditions().size() > MAX_CONDITIONS) {
            throw new IllegalArgumentException("A message filter has at most " + MAX_CONDITIONS + " conditions");
        }
        List<Predicate<JsonNode>> tests = new ArrayList<>();
        for (int i = 0; i < filter.conditions().size(); i++) {
            try {
                tests.add(test(filter.conditions().get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Condition " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new MessageSelector(filter, List.copyOf(tests));
    }

    /** Whether this selector lets every message through. */
    public boolean isAll() {
        return tests.isEmpty();
    }

    /** Whether {@code message} (the whole decoded message) goes on. */
    public boolean keeps(JsonNode message) {
        if (tests.isEmpty()) {
            return true;
        }
        boolean satisfied = filter.match() == MessageFilter.Match.ALL
                ? tests.stream().allMatch(test -> test.test(message))
                : tests.stream().anyMatch(test -> test.test(message));
        return satisfied == (filter.mode() == MessageFilter.Mode.KEEP);
    }

    private static Predicate<JsonNode> test(MessageFilter.Condition condition) {
        JsonPointer field = pointer(condition.field());
        if (condition.operator() == null) {
            throw new IllegalArgumentException("choose how to test the field " + condition.field());
        }
        String value = Objects.requireNonNullElse(condition.value(), "");
        return switch (condition.operator()) {
            case EXISTS -> message -> !message.at(field).isMissingNode();
            case EQUALS -> message -> equalTo(message.at(field), value);
            case NOT_EQUALS -> message -> !equalTo(message.at(field), value);
            case MATCHES -> {
                Pattern pattern = pattern(value);
                yield message -> found(pattern, message.at(field));
            }
        };
    }

    private static JsonPointer pointer(String field) {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("give the field to test, as a JSON Pointer such as /type");
        }
        try {
            return JsonPointer.compile(field.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the field '" + field.trim()
                    + "' is not a JSON Pointer (it starts with /, e.g. /type, or /1 for the second element of an array)", e);
        }
    }

    private static Pattern pattern(String regex) {
        if (regex.isEmpty()) {
            throw new IllegalArgumentException("give the pattern to look for");
        }
        if (regex.length() > MAX_PATTERN_LENGTH) {
            throw new IllegalArgumentException("the pattern is longer than " + MAX_PATTERN_LENGTH + " characters");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("the pattern '" + regex + "' is not a regular expression this filter reads ("
                    + e.getDescription() + "; back-references and look-around are not supported)", e);
        }
    }

    /** Text equals text; a number equals the same number however written (1.50 = 1.5). Missing never equals. */
    private static boolean equalTo(JsonNode found, String value) {
        if (found.isMissingNode()) {
            return false;
        }
        if (found.isNumber()) {
            try {
                return found.decimalValue().compareTo(new BigDecimal(value.trim())) == 0;
            } catch (NumberFormatException notANumber) {
                return false;
            }
        }
        return textOf(found).equals(value);
    }

    private static boolean found(Pattern pattern, JsonNode node) {
        if (node.isMissingNode()) {
            return false;
        }
        String text = textOf(node);
        return pattern.matcher(text.length() <= MAX_MATCHED_CHARS ? text : text.substring(0, MAX_MATCHED_CHARS)).find();
    }

    /** A value's text; objects and arrays as compact JSON. */
    private static String textOf(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    @Override
    public String toString() {
        return "MessageSelector[" + filter + "]";
    }
}
