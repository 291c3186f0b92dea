package org.socketboard.push;

import com.github.mvysny.kaributesting.v10.MockVaadin;

import java.time.Duration;

import static org.assertj.core.api.Assertions.fail;

/** Test helpers around flushes, which reach a Karibu UI as UI.access tasks queued by the flush threads. */
public final class Flushing {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private Flushing() {
    }

    /** A scheduler that never ticks by itself: tests tick it with {@link #tick}. */
    public static UiFlushers manualFlushers() {
        return new UiFlushers(new PushProperties(Duration.ofDays(1), 2));
    }

    public static void tick(UiFlushers flushers) {
        flushers.tick();
    }

    /**
     * Runs client round trips (the queued access tasks, then the response with its JS calls) until
     * the flusher has flushed {@code count} times.
     */
    public static void runUntilFlushed(UiFlusher flusher, long count) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (flusher.flushCount() < count) {
            if (System.nanoTime() > deadline) {
                fail("expected " + count + " flushes, had " + flusher.flushCount() + " after " + PATIENCE);
            }
            Thread.sleep(5);
            MockVaadin.clientRoundtrip();
        }
    }
}
