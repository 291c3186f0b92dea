package org.socketboard.push;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.socketboard.security.MutableClock;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.fail;

/**
 * For flusher tests ({@code @RegisterExtension}): a {@link UiFlushers} of its own per test that never
 * ticks by itself, ticked by the test, on a clock the test moves ({@link #DROP_AFTER} as the lag
 * bound) and meters of its own; and a way to wait for the flushes, which reach a Karibu UI as
 * UI.access tasks queued by the flush threads.
 */
public final class Flushing implements BeforeEachCallback, AfterEachCallback {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    static final Duration DROP_AFTER = Duration.ofSeconds(15);

    private UiFlushers flushers;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Override
    public void beforeEach(ExtensionContext context) {
        flushers = new UiFlushers(new PushProperties(Duration.ofDays(1), 2, DROP_AFTER), meters, clock);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        flushers.destroy();
    }

    public UiFlushers flushers() {
        return flushers;
    }

    /** The clock the flushers judge lag by; only the test moves it. */
    public MutableClock clock() {
        return clock;
    }

    public SimpleMeterRegistry meters() {
        return meters;
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
