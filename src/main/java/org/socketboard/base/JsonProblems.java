package org.socketboard.base;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Says for people why a JSON document could not be read: where (line, column and the field path such
 * as {@code variables[0].scope}) and what, without Java class names or a stack trace.
 */
public final class JsonProblems {

    /** A package-qualified class name in Jackson's messages: people need the simple name. */
    private static final Pattern QUALIFIED_NAME = Pattern.compile("(?:[a-z][\\w$]*\\.)+([A-Z][\\w$]*)");

    private JsonProblems() {
    }

    public static String describe(JsonProcessingException problem) {
        // Broken syntax may come wrapped in a mapping problem; a bare mapping problem is a value of the wrong kind.
        boolean syntax = problem instanceof JsonParseException || problem.getCause() instanceof JsonParseException;
        StringBuilder text = new StringBuilder(syntax ? "Invalid JSON" : "Invalid value");
        JsonLocation location = problem.getLocation();
        if (location != null && location.getLineNr() > 0) {
            text.append(" at line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
        }
        if (problem instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            text.append(" (").append(fieldPath(mapping)).append(')');
        }
        return text.append(": ").append(what(problem)).toString();
    }

    /** The path of the field, e.g. {@code variables[0].scope}. */
    private static String fieldPath(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String what(JsonProcessingException problem) {
        if (problem instanceof InvalidNullException) {
            return "null is not allowed in a list: give a value or leave the element out";
        }
        String original = problem.getOriginalMessage() == null ? "" : problem.getOriginalMessage();
        if (original.startsWith("Trailing token")) {
            return "there is more after the end of the JSON value: send one JSON document only";
        }
        if (original.startsWith("Cannot coerce Floating-point value")) {
            return "expected a whole number here, without a fraction";
        }
        if (problem instanceof InvalidFormatException format && format.getTargetType() != null) {
            Class<?> type = format.getTargetType();
            return "'" + format.getValue() + "' is not " + kindOf(format.getTargetType());
        }
        if (problem instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            // Jackson's wording here names Java types and its tokens ("Cannot deserialize value of type
            // `ArrayList<…>` from String value (token `JsonToken.VALUE_STRING`)"): say what belongs there.
            return "expected " + kindOf(mismatch.getTargetType()) + " here";
        }
        String message = problem.getOriginalMessage();
        if (message == null) {
            return "unreadable";
        }
        if (message.startsWith("Unexpected end-of-input")) {
            return "the JSON ends too early (a closing bracket, brace or quote is missing)";
        }
        // Jackson appends the source excerpt ("at [Source: …]") only to getMessage(); the original has none.
        return QUALIFIED_NAME.matcher(message).replaceAll("$1");
    }

    /** What a value of this Java type is called in JSON. */
    private static String kindOf(Class<?> type) {
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list [...]";
        } else if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a text in quotes";
        } else if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        } else if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        } else if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        // Maps, records and other objects of the API's definitions.
        return Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.") ? "an object {...}" : "another kind of value";
    }
}
