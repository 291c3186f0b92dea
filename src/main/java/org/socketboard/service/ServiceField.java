package org.socketboard.service;

/** The parts of a service definition a validation message can be attached to. */
public enum ServiceField {
    NAME, URL, DESCRIPTION, SUBPROTOCOLS, SAMPLE_REQUEST, SAMPLE_RESPONSE, RECORD_PATH, FIELD_NAMES, PARAMS, TEST
}
