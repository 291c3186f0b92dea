package org.socketboard.service.inference;

/** The text format of a sample message. */
public enum SampleFormat {
    JSON, XML
}
