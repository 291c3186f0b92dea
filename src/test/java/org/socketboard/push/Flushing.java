package org.socketboard.push;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;

import static org.assertj.core.api.Assertions.fail;

/**
 * For flusher tests ({@code @RegisterExtension}): a {@link UiFlushers} of its own per test that never
 * ticks by itself, ticked by the test, and a way to wait for the flushes, which reach a Karibu UI as
 * UI.access tasks queued by the flush threads.
 */
public final class Flushing implements BeforeEachCallback, AfterEachCallback {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private UiFlushers flushers;

    @Override
    public void beforeEach(ExtensionContext context) {
        flushers = new UiFlushers(new PushProperties(Duration.ofDays(1), 2));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        flushers.destroy();
    }

    public UiFlushers flushers() {
        return flushers;
    }

    /** One tick of the scheduler: hands a flush to every UI with dirty subscriptions. */
    public void tick() {
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
