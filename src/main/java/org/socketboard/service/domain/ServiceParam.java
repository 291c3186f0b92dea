package org.socketboard.service.domain;

/**
 * A query, path or header parameter of a service. Secret parameters (tokens, API keys) are masked in
 * views, redacted in logs and never exported.
 */
public record ServiceParam(String name, ParamLocation location, FieldType type, String defaultValue,
                           boolean required, boolean secret) {
}
