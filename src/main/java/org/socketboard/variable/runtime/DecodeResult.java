package org.socketboard.variable.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A decoded message, or the reason it could not be decoded (the caller counts it and carries on).
 *
 * @param message the message as a tree; null when decoding failed
 * @param error   a short reason for people (no stack trace, no payload dump); null on success
 */
public record DecodeResult(JsonNode message, String error) {

    public static DecodeResult decoded(JsonNode message) {
        return new DecodeResult(message, null);
    }

    public static DecodeResult failed(String error) {
        return new DecodeResult(null, error);
    }

    public boolean isDecoded() {
        return error == null;
    }
}
