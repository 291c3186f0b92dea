package org.socketboard.service.domain;

/**
 * A query, path or header parameter of a service. Secret parameters (tokens, API keys) are masked in
 * views, redacted in logs and never exported.
 */
public record ServiceParam(String name, ParamLocation location, FieldType type, String defaultValue,
                           boolean required, boolean secret) {

    /** The same parameter with another default value (e.g. the stored, encrypted form of a secret). */
    public ServiceParam withDefaultValue(String value) {
        return new ServiceParam(name, location, type, value, required, secret);
    }
}
