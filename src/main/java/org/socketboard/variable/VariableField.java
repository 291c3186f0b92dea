package org.socketboard.variable;

/** The parts of a variable definition that validation can report on, one message each. */
public enum VariableField {
    NAME, SERVICE, SCOPE, STRATEGY, DATA_LIMIT, UPSERT_KEY, PARAMS, REQUEST_BODY, SEND_ON_OPEN, RECORD_PATH, MESSAGE_FILTER, RECONNECT, SUBSCRIPTIONS
}
