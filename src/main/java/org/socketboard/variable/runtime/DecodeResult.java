package org.socketboard.variable.runtime;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What one upstream frame held: the messages decoded from it, in order (several when it carries
 * newline-delimited or concatenated JSON documents), and why the parts that could not be decoded
 * failed (the caller counts each and carries on).
 *
 * @param messages each decoded document, a message of its own; empty when nothing could be decoded
 * @param errors   one short reason per failed part, for people (line, column, an excerpt; no stack
 *                 trace, no library names); empty when everything was decoded
 */
public record DecodeResult(List<JsonNode> messages, List<String> errors) {

    public DecodeResult {
        messages = List.copyOf(messages);
        errors = List.copyOf(errors);
    }

    public static DecodeResult decoded(JsonNode message) {
        return new DecodeResult(List.of(message), List.of());
    }

    public static DecodeResult failed(String error) {
        return new DecodeResult(List.of(), List.of(error));
    }

    /** Whether every part of the frame was decoded. */
    public boolean isDecoded() {
        return errors.isEmpty();
    }

    /** The first reason, or null when everything was decoded. */
    public String error() {
        return errors.isEmpty() ? null : errors.get(0);
    }
}
