package org.socketboard.service.inference;

/** The text format of a message or sample: JSON (one or more documents), XML, or plain text. */
public enum SampleFormat {
    JSON, XML,
    /** Neither JSON nor XML: the whole text is one record {@code {"text": "…"}}. */
    TEXT
}
