package org.socketboard.push;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

/**
 * Where a flusher's hand-overs run: a pool thread now or after a delay. {@link UiFlushers} backs it
 * with its scheduled pool; tests run the tasks by hand against a clock of their own.
 */
interface FlushScheduler {

    /** Runs {@code task} on a pool thread as soon as one is free; {@link RejectedExecutionException} once shut down. */
    void runSoon(Runnable task);

    /** Runs {@code task} on a pool thread after {@code delay}; {@link RejectedExecutionException} once shut down. */
    void runAfter(Duration delay, Runnable task);
}
