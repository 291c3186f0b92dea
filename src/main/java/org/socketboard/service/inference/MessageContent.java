package org.socketboard.service.inference;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What one message (or sample) text holds, as {@link SampleReader#readMessage} reads it.
 *
 * @param format    how the text was read
 * @param documents the documents read, in order: several for newline-delimited or concatenated JSON,
 *                  one for XML and text; each is a message of its own
 * @param problems  the documents that could not be read (empty when all were)
 */
public record MessageContent(SampleFormat format, List<JsonNode> documents, List<ReadProblem> problems) {
}
