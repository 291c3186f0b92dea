package org.socketboard.service.inference;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the parsers' failures into sentences for people: what was wrong, where (line, column) and a
 * short excerpt of the text there, in plain words. The parsers' own messages name their classes and
 * switches ({@code JsonReadFeature}, {@code StreamReadConstraints}, …); none of that is passed on.
 * The REST API words a request body it cannot read with {@link #jsonDocument}, as a sample is worded.
 */
public final class ReadProblems {

    private static final int EXCERPT_BEFORE = 24;
    private static final int EXCERPT_AFTER = 16;
    /** Anything that looks like a library or Java name; such a detail is never shown. */
    private static final Pattern INTERNAL = Pattern.compile(
            "com\\.|java\\.|javax\\.|Jackson|Json[A-Z]|Exception|FAIL_ON|ALLOW_|[a-z][A-Z]\\w*\\(\\)|\\[Source:");
    private static final Pattern UNEXPECTED_CHAR = Pattern.compile("^Unexpected character \\((?:'(.*)' )?\\(code (\\d+)\\)\\)");
    private static final Pattern CTRL_CHAR = Pattern.compile("\\(CTRL-CHAR, code (\\d+)\\)");
    private static final Pattern TOKEN = Pattern.compile("^Unrecognized token '([^']*)'");
    private static final Pattern ESCAPE = Pattern.compile("^Unrecognized character escape '(.)'");
    private static final Pattern CLOSE_MARKER = Pattern.compile("^Unexpected close marker '(.)': expected '(.)'");
    private static final Pattern LIMIT = Pattern.compile("\\(\\d+\\) exceeds the maximum (?:allowed )?\\(?(\\d+)");
    private static final Pattern WOODSTOX_POSITION = Pattern.compile("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message: ");
    private static final Pattern XML_INTERNAL = Pattern.compile("\\s*\\(?(?:property|in)?\\s*[a-z]+(?:\\.[a-zA-Z]+){2,}\\)?");

    private ReadProblems() {
    }

    /**
     * A JSON failure while reading {@code text} from character {@code from} on, that part starting at
     * the beginning of line {@code lineBefore + 1}; {@code parserAt} is where the parser stood.
     */
    static ReadProblem json(JacksonException e, JsonLocation parserAt, String text, int from, int lineBefore) {
        // A limit (nesting, number length) is reported without a location: the parser knows where it stopped.
        JsonLocation at = e.getLocation() != null ? e.getLocation() : parserAt;
        int line = at == null ? 1 : Math.max(1, at.getLineNr());
        int column = at == null ? 1 : Math.max(1, at.getColumnNr());
        long partOffset = at == null ? 0 : at.getCharOffset();
        int offset = (int) Math.min(text.length(), from + Math.max(0, partOffset));
        return problem("JSON", text, lineBefore + line, column, offset, describeJson(e, text, offset));
    }

    /**
     * "Invalid JSON at line 1, column 2: “x” is not a JSON value (…), near “{x”": a JSON document (a request
     * body) that failed to parse, worded as samples are; without the excerpt when {@code text} is null
     * (not kept). Line and column are the parser's, 1-based.
     */
    public static String jsonDocument(JacksonException e, String text) {
        JsonLocation at = e.getLocation();
        int line = at == null ? 1 : Math.max(1, at.getLineNr());
        int column = at == null ? 1 : Math.max(1, at.getColumnNr());
        if (text == null) {
            // Offset -1: no text to tell "ends too early" by.
            return "Invalid JSON at line " + line + ", column " + column + ": " + describeJson(e, "", -1);
        }
        int offset = offsetOf(text, line, column);
        return problem("JSON", text, line, column, offset, describeJson(e, text, offset)).message();
    }

    /** A problem at a parser location in {@code text} (read from its start). */
    static ReadProblem positioned(String format, String text, JsonLocation at, String what) {
        int offset = (int) Math.min(text.length(), Math.max(0, at.getCharOffset()));
        return problem(format, text, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()), offset, what);
    }

    /** An XML failure at a line and column of {@code text} (1-based, as the XML parser counts them). */
    static ReadProblem xml(String parserMessage, String text, int line, int column) {
        int offset = offsetOf(text, line, column);
        return problem("XML", text, Math.max(1, line), Math.max(1, column), offset, describeXml(parserMessage));
    }

    /** {@code text} cut around {@code offset}: one line, blanks and control characters made visible. */
    static String excerpt(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        int lineEnd = text.indexOf('\n', offset);
        if (lineEnd < 0) {
            lineEnd = text.length();
        }
        int start = Math.max(lineStart, offset - EXCERPT_BEFORE);
        int end = Math.min(lineEnd, Math.max(offset, start) + EXCERPT_AFTER);
        StringBuilder shown = new StringBuilder();
        if (start > lineStart) {
            shown.append('…');
        }
        for (int i = start; i < end; i++) {
            appendVisible(shown, text.charAt(i));
        }
        if (end < lineEnd) {
            shown.append('…');
        }
        return shown.toString();
    }

    private static ReadProblem problem(String format, String text, int line, int column, int offset, String what) {
        String message = "Invalid " + format + " at line " + line + ", column " + column + ": " + what
                + ", near “" + excerpt(text, offset) + "”";
        return new ReadProblem(message, line, column, offset);
    }

    private static void appendVisible(StringBuilder out, char c) {
        switch (c) {
            case '\t' -> out.append("\\t");
            case '\r' -> out.append("\\r");
            case '\n' -> out.append("\\n");
            default -> {
                if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || Character.isSurrogate(c)) {
                    out.append(String.format("\\u%04X", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
    }

    // ---- JSON ----------------------------------------------------------------------------------------

    private static String describeJson(JacksonException e, String text, int offset) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return describeLimit(original);
        }
        if (original.startsWith("Unexpected end-of-input")) {
            return describeEnd(original);
        }
        Matcher unexpected = UNEXPECTED_CHAR.matcher(original);
        if (unexpected.find() && original.contains("in numeric value")) {
            return describeNumber(original, Integer.parseInt(unexpected.group(2)));
        }
        if (unexpected.find(0)) {
            int code = Integer.parseInt(unexpected.group(2));
            return describeUnexpected(original, code, afterComma(text, offset, code));
        }
        Matcher token = TOKEN.matcher(original);
        if (token.find()) {
            return describeWord(token.group(1));
        }
        Matcher control = CTRL_CHAR.matcher(original);
        if (control.find()) {
            int code = Integer.parseInt(control.group(1));
            return original.startsWith("Illegal unquoted character")
                    ? named(code) + " cannot stand in a string as it is; write it as an escape such as \\n or \\u0001"
                    : named(code) + " is not allowed between values";
        }
        Matcher escape = ESCAPE.matcher(original);
        if (escape.find()) {
            return "\\" + escape.group(1) + " is not an escape JSON knows (these are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)";
        }
        if (original.contains("no open")) {
            return "a closing bracket closes nothing that is open";
        }
        Matcher close = CLOSE_MARKER.matcher(original);
        if (close.find()) {
            return "“" + close.group(1) + "” closes something that was not opened here; “" + close.group(2) + "” was expected";
        }
        if (original.contains("Leading zeroes not allowed")) {
            return "a number cannot start with 0 followed by more digits";
        }
        if (original.startsWith("Invalid numeric value") || original.contains("Decimal point not followed")
                || original.contains("Exponent indicator not followed") || original.contains("expected digit")) {
            return "a number is not written as JSON numbers are (digits, an optional . with digits, an optional e with digits)";
        }
        if (original.contains("Invalid UTF-8") || original.contains("Invalid UTF-32") || original.contains("surrogate")) {
            return "the text has a broken character (it is not valid UTF-8)";
        }
        return offset >= text.length() ? "the text ends too early" : "the text cannot be read as JSON here";
    }

    private static String describeLimit(String original) {
        Matcher limit = LIMIT.matcher(original);
        String max = limit.find() ? limit.group(1) : null;
        String within = max == null ? "" : " of " + max;
        if (original.contains("nesting depth")) {
            return "objects and arrays are nested deeper than the limit" + within + " levels";
        } else if (original.startsWith("Number value length")) {
            return "a number is longer than the limit" + within + " digits";
        } else if (original.startsWith("String value length")) {
            return "a string is longer than the limit" + within + " characters";
        } else if (original.startsWith("Name length")) {
            return "a field name is longer than the limit" + within + " characters";
        } else if (original.startsWith("Document length")) {
            return "the text is longer than the limit" + within + " characters";
        }
        return "the text exceeds a size limit";
    }

    private static String describeEnd(String original) {
        if (original.contains("VALUE_STRING") || original.contains("string value")) {
            return "the text ends inside a string (its closing \" is missing)";
        } else if (original.contains("FIELD_NAME") || original.contains("field name")) {
            return "the text ends inside a field name (its closing \" is missing)";
        } else if (original.contains("Object")) {
            return "the text ends before the object { … } is closed with }";
        } else if (original.contains("Array")) {
            return "the text ends before the array [ … ] is closed with ]";
        } else if (original.contains("Number") || original.contains("number")) {
            return "the text ends inside a number";
        }
        return "the text ends too early";
    }

    private static String describeNumber(String original, int code) {
        if (code == '+') {
            return "a number cannot start with +";
        } else if (original.contains("Decimal point")) {
            return code == '.' ? "a number ends with a . without a digit after it"
                    : "a number has a . without a digit after it, before " + named(code);
        } else if (original.contains("Exponent")) {
            return "a number has an e without digits after it, before " + named(code);
        } else if (original.contains("minus sign")) {
            return "a - is not followed by a digit, but by " + named(code);
        }
        return "a number is not written as JSON numbers are, at " + named(code);
    }

    /** Whether the character {@code found} at (or just before) {@code offset} follows a comma. */
    private static boolean afterComma(String text, int offset, int found) {
        int i = Math.min(offset, text.length() - 1);
        if (i >= 0 && text.charAt(i) != found) {
            i--;
        }
        i--;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        return i >= 0 && text.charAt(i) == ',';
    }

    private static String describeUnexpected(String original, int code, boolean afterComma) {
        String found = named(code);
        if (original.contains("comment")) {
            return "comments (" + found + ") are not allowed in JSON";
        } else if (original.contains("double-quote to start field name")) {
            if (code == '\'') {
                return "field names need double quotes \", not single quotes '";
            }
            return code == '}' ? "a comma before } is not allowed (trailing comma)"
                    : "a field name in double quotes was expected, found " + found;
        } else if (original.contains("comma to separate Object entries")) {
            return "a , or } was expected after a value in an object, found " + found;
        } else if (original.contains("comma to separate Array entries")) {
            return "a , or ] was expected after a value in an array, found " + found;
        } else if (original.contains("colon to separate field name and value")) {
            return "a : was expected after the field name, found " + found;
        } else if (original.contains("separating root-level values")) {
            return "two values run into each other; put a space or a new line between them";
        } else if (code == '\'') {
            return "strings need double quotes \", not single quotes '";
        } else if (code == '.') {
            return "a number must start with a digit (0.5, not .5)";
        } else if (afterComma && (code == ']' || code == '}')) {
            return "a value was expected, found " + found + " (a comma before it is not allowed)";
        }
        return "a value was expected, found " + found;
    }

    private static String describeWord(String word) {
        String shown = word.length() > 20 ? word.substring(0, 20) + "…" : word;
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("true") || lower.equals("false") || lower.equals("null")) {
            return "“" + shown + "” is not a JSON value; write it in lower case: " + lower;
        }
        if (lower.equals("none")) {
            return "“" + shown + "” is not a JSON value; write null";
        }
        return "“" + shown + "” is not a JSON value (a value is a string in double quotes, a number, true, false, null, an object or an array)";
    }

    /** A character for people: itself in quotes when printable, else its name or code. */
    private static String named(int code) {
        return switch (code) {
            case -1 -> "the end of the text";
            case '\t' -> "a tab";
            case '\n' -> "a line break";
            case '\r' -> "a carriage return";
            case 0 -> "a NUL character (code 0)";
            default -> code < 0x20 || code == 0x7F ? "a control character (code " + code + ")"
                    : "“" + new String(Character.toChars(code)) + "”";
        };
    }

    // ---- XML -----------------------------------------------------------------------------------------

    private static String describeXml(String parserMessage) {
        String text = parserMessage == null ? "" : WOODSTOX_POSITION.matcher(parserMessage).replaceFirst("");
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline);
        }
        if (text.contains("DOCTYPE") || text.contains("DTD")) {
            return "a DOCTYPE (DTD) is not allowed in XML messages";
        } else if (text.contains("Maximum Element Depth")) {
            return "elements are nested deeper than the limit";
        } else if (text.contains("Undeclared general entity") || text.contains("entity")) {
            return "an entity reference (&name;) other than the five of XML is not allowed";
        } else if (text.startsWith("Unexpected EOF") || text.startsWith("Unexpected end-of-input")) {
            return "the text ends before every element is closed";
        } else if (text.contains("multiple roots")) {
            return "more than one root element; an XML message has exactly one";
        } else if (text.startsWith("Trailing token")) {
            return "more text follows the root element";
        }
        text = XML_INTERNAL.matcher(text).replaceAll("").strip();
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty() || INTERNAL.matcher(text).find()) {
            return "the text cannot be read as XML here";
        }
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static int offsetOf(String text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset >= 0; l++) {
            offset = text.indexOf('\n', offset);
            offset = offset < 0 ? -1 : offset + 1;
        }
        return offset < 0 ? text.length() : Math.min(text.length(), offset + Math.max(0, column - 1));
    }
}
