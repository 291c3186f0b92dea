package org.socketboard.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Objects;

/**
 * Masks secret values in text shown or logged (URLs with API keys in the query, error messages, logs)
 * and in records (an upstream that echoes a token back), the same way everywhere.
 */
public final class Redactor {

    /** What a secret looks like wherever it is shown. */
    public static final String MASK = "••••";

    private Redactor() {
    }

    /**
     * {@code record} with every secret masked in its texts and field names, as {@link #redact(String, Collection)}
     * does; the record itself when it holds none (no copy then).
     */
    public static JsonNode redactRecord(JsonNode record, Collection<String> secrets) {
        if (record == null || secrets.isEmpty() || !holdsSecret(record, secrets)) {
            return record;
        }
        if (record.isTextual()) {
            return TextNode.valueOf(redact(record.textValue(), secrets));
        }
        if (record.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(record.size());
            record.forEach(element -> copy.add(redactRecord(element, secrets)));
            return copy;
        }
        if (record.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            record.properties().forEach(field -> copy.set(redact(field.getKey(), secrets), redactRecord(field.getValue(), secrets)));
            return copy;
        }
        return record;
    }

    private static boolean holdsSecret(JsonNode node, Collection<String> secrets) {
        if (node.isTextual()) {
            return !redact(node.textValue(), secrets).equals(node.textValue());
        }
        if (node.isObject()) {
            for (var field : node.properties()) {
                if (!redact(field.getKey(), secrets).equals(field.getKey()) || holdsSecret(field.getValue(), secrets)) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (holdsSecret(element, secrets)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code text} with every occurrence of each non-blank secret, raw or URL-encoded, replaced by {@link #MASK}. */
    public static String redact(String text, Collection<String> secrets) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        var forms = new LinkedHashSet<String>();
        secrets.stream().filter(Objects::nonNull).filter(secret -> !secret.isBlank()).forEach(secret -> {
            forms.add(secret);
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
        });
        // Longest first, so that a secret containing another is masked whole.
        var result = text;
        for (var form : forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            result = result.replace(form, MASK);
        }
        return result;
    }
}
