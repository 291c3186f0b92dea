package org.socketboard.variable.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last {@code capacity} entries, newest first; older ones fall off. Thread-safe. */
final class BoundedLog<T> {

    private final int capacity;
    private final ArrayDeque<T> entries;

    BoundedLog(int capacity) {
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(capacity);
    }

    synchronized void add(T entry) {
        if (entries.size() == capacity) {
            entries.removeLast();
        }
        entries.addFirst(entry);
    }

    /** A copy, newest first. */
    synchronized List<T> newestFirst() {
        return List.copyOf(new ArrayList<>(entries));
    }
}
