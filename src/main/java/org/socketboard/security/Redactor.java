package org.socketboard.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Objects;

/** Masks secret values in text shown or logged (URLs with API keys in the query, error messages, logs). */
public final class Redactor {

    /** What a secret looks like wherever it is shown. */
    public static final String MASK = "••••";

    private Redactor() {
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
