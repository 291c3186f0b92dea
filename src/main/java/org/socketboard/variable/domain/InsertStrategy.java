package org.socketboard.variable.domain;

/** What a variable does with the records of a new message ("On new data"). */
public enum InsertStrategy {
    /** The dataset becomes the records of the newest message (a snapshot). */
    REFRESH,
    /** New records go to the end; when full, the oldest drop from the start. */
    ADD_LAST,
    /** New records go to the start; when full, the oldest drop from the end. */
    ADD_FIRST,
    /** A record replaces the one with the same key value, or is added at the end. */
    UPSERT
}
