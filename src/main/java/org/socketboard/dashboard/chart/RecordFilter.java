package org.socketboard.dashboard.chart;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Keeps the records whose field (a JSON pointer) has a value, e.g. {@code /symbol} = {@code ACME}:
 * texts compare ignoring case and surrounding blanks, numbers by value ({@code 3} keeps 3 and 3.0),
 * booleans as {@code true}/{@code false}. A record without the field, or with an object or array
 * there, is not kept. {@link #ALL} keeps every record.
 */
public final class RecordFilter implements Predicate<JsonNode> {

    public static final RecordFilter ALL = new RecordFilter(null, null);

    private final String field;
    private final String value;
    private final BigDecimal number;

    private RecordFilter(String field, String value) {
        this.field = field;
        this.value = value == null ? null : value.trim();
        this.number = decimal(this.value);
    }

    private static BigDecimal decimal(String text) {
        if (text == null || text.length() > 100) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** Only records whose {@code field} has {@code value}; {@link #ALL} when either is blank. */
    public static RecordFilter of(String field, String value) {
        if (field == null || field.isBlank() || value == null || value.isBlank()) {
            return ALL;
        }
        return new RecordFilter(field, value);
    }

    public boolean keepsAll() {
        return field == null;
    }

    @Override
    public boolean test(JsonNode record) {
        if (field == null) {
            return true;
        }
        JsonNode node = record.at(field);
        if (!node.isValueNode() || node.isNull()) {
            return false;
        }
        if (node.isNumber() && number != null) {
            return node.decimalValue().compareTo(number) == 0;
        }
        return node.asText().trim().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT));
    }
}
