package org.socketboard.push;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.socketboard.security.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * For flusher tests ({@code @RegisterExtension}): a {@link UiFlushers} of its own per test on a clock
 * of its own ({@link #DROP_AFTER} as the lag bound) and meters of its own, whose hand-overs run on the
 * test's thread when the test lets time pass: nothing runs by itself. The flushes reach a Karibu UI as
 * UI.access tasks, run by the next client round trip.
 */
public final class Flushing implements BeforeEachCallback, AfterEachCallback {

    public static final Duration INTERVAL = Duration.ofMillis(250);
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    static final Duration DROP_AFTER = Duration.ofSeconds(15);

    private final boolean immediateFirstFlush;
    private MutableClock clock;
    private ManualScheduler scheduler;
    private UiFlushers flushers;
    private SimpleMeterRegistry meters;

    public Flushing() {
        this(true);
    }

    public Flushing(boolean immediateFirstFlush) {
        this.immediateFirstFlush = immediateFirstFlush;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        meters = new SimpleMeterRegistry();
        scheduler = new ManualScheduler();
        flushers = new UiFlushers(new PushProperties(INTERVAL, 2, immediateFirstFlush, DROP_AFTER), meters, clock,
                scheduler);
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

    /** One interval passes: the scheduler's tick, then every hand-over due by then. */
    public void tick() {
        clock.advance(INTERVAL);
        flushers.tick();
        runDue();
    }

    /** Time passes without a tick (ticks are what watches need, not data): runs the hand-overs due. */
    public void advance(Duration duration) {
        clock.advance(duration);
        runDue();
    }

    /** Runs the hand-overs due now, in order, without moving the clock. */
    public void runDue() {
        scheduler.runDue(clock.millis());
    }

    public long millis() {
        return clock.millis();
    }

    /**
     * Runs client round trips (the queued access tasks, then the response with its JS calls) until
     * the flusher has flushed {@code count} times.
     */
    public static void runUntilFlushed(UiFlusher flusher, long count) {
        if (flusher.flushCount() >= count) {
            return;
        }
        // In the test's own thread: Karibu's UI and session belong to it.
        await("expected " + count + " flushes").atMost(PATIENCE).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5)).until(() -> {
                    MockVaadin.clientRoundtrip();
                    return flusher.flushCount() >= count;
                });
    }

    /** Hand-overs with the clock time they are due, run by the test. */
    private final class ManualScheduler implements FlushScheduler {

        private record Task(long dueMillis, long order, Runnable task) {
        }

        private final List<Task> tasks = new ArrayList<>();
        private long order;

        @Override
        public synchronized void runSoon(Runnable task) {
            tasks.add(new Task(clock.millis(), order++, task));
        }

        @Override
        public synchronized void runAfter(Duration delay, Runnable task) {
            tasks.add(new Task(clock.millis() + delay.toMillis(), order++, task));
        }

        void runDue(long now) {
            while (true) {
                Task next;
                synchronized (this) {
                    next = tasks.stream().filter(task -> task.dueMillis <= now)
                            .min(Comparator.comparingLong(Task::dueMillis).thenComparingLong(Task::order)).orElse(null);
                    if (next == null) {
                        return;
                    }
                    tasks.remove(next);
                }
                next.task.run();
            }
        }
    }
}
