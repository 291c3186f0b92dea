package org.socketboard.variable.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;
import java.util.Objects;

/**
 * Which messages of a variable go on to its dataset, decided before the record path and the strategy.
 * Conditions test one field of the whole message each; {@link Match} combines them and {@link Mode}
 * says whether the messages that satisfy them are kept (all others dropped) or dropped. No
 * conditions means every message goes on, whatever the mode.
 *
 * <pre>{@code
 * {"mode": "DROP", "match": "ANY", "conditions": [{"field": "/type", "operator": "EQUALS", "value": "heartbeat"}]}
 * }</pre>
 *
 * The runtime compiles it ({@code variable.runtime.MessageSelector}), which also says what is wrong
 * with a bad one.
 */
public record MessageFilter(Mode mode, Match match, List<Condition> conditions) {

    /** Lets every message through. */
    public static final MessageFilter NONE = new MessageFilter(Mode.DROP, Match.ANY, List.of());

    /** Without conditions, mode and match mean nothing: every such filter equals {@link #NONE}. */
    public MessageFilter {
        conditions = conditions == null ? List.of() : conditions.stream().filter(Objects::nonNull).toList();
        mode = mode == null || conditions.isEmpty() ? Mode.DROP : mode;
        match = match == null || conditions.isEmpty() ? Match.ANY : match;
    }

    /** Whether this filter lets every message through (it has no conditions). */
    @JsonIgnore
    public boolean isEmpty() {
        return conditions.isEmpty();
    }

    /** What happens to the messages that satisfy the conditions. */
    public enum Mode {
        /** Keep only those; drop the others. */
        KEEP,
        /** Drop those; keep the others. */
        DROP
    }

    /** How several conditions combine. */
    public enum Match {
        /** Every condition holds. */
        ALL,
        /** At least one condition holds. */
        ANY
    }

    /** How a condition tests its field. */
    public enum Operator {
        /** The field's value reads as {@code value}: the same text, or the same number. */
        EQUALS,
        /** The field is missing or does not read as {@code value}. */
        NOT_EQUALS,
        /** The field is there (also when it is null). */
        EXISTS,
        /** A regular expression (RE2 syntax) is found in the field's text. */
        MATCHES
    }

    /**
     * One test of a message.
     *
     * @param field    JSON Pointer into the message, e.g. {@code /type} or {@code /1} for an array message
     * @param operator how to test it
     * @param value    the text to compare with, or the pattern for MATCHES; ignored for EXISTS
     */
    public record Condition(String field, Operator operator, String value) {
    }
}
