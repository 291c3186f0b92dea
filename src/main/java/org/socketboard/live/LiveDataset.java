package org.socketboard.live;

/**
 * The read side of a live, bounded dataset as widgets and the UI flusher see it. One writer (the
 * connection's thread) changes it; any thread may read it.
 */
public interface LiveDataset {

    /** Grows with every change; a subscriber remembers the version it last applied. */
    long version();

    /**
     * What changed since {@code version}; a version below 0 (or too old to describe as a delta) gives
     * a {@link DatasetChange.Kind#SNAPSHOT}.
     */
    DatasetChange changesSince(long version);

    /**
     * Calls {@code listener} on the writer's thread after each change. Listeners must be cheap and
     * must not block (mark dirty, wake a flusher), since they run on the feed's thread.
     */
    Subscription onChange(Runnable listener);
}
