package org.socketboard.push;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared flush scheduler: one {@link ScheduledExecutorService} for the whole application. It runs
 * each UI's flushes (at once after a quiet interval, else when the interval since the last flush is
 * over, see {@link UiFlusher}) and ticks every {@code socketboard.push.interval} to read the watched
 * readings (and, with {@code immediate-first-flush} off, to flush every UI with dirty subscriptions).
 * Views inject it and pass {@link #forUi(UI)} to their widgets.
 */
@Component
public class UiFlushers implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UiFlushers.class);

    private final ScheduledExecutorService executor;
    private final FlushScheduler scheduler;
    private final PushProperties properties;
    private final Clock clock;
    private final Set<UiFlusher> flushers = ConcurrentHashMap.newKeySet();
    private final PushMeters meters;

    @Autowired
    public UiFlushers(PushProperties properties, MeterRegistry meterRegistry, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        meters = PushMeters.in(meterRegistry);
        registerGauge(meterRegistry);
        executor = Executors.newScheduledThreadPool(properties.threads(), daemonThreads());
        scheduler = new FlushScheduler() {
            @Override
            public void runSoon(Runnable task) {
                executor.execute(task);
            }

            @Override
            public void runAfter(Duration delay, Runnable task) {
                executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        };
        long interval = properties.interval().toMillis();
        executor.scheduleAtFixedRate(this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** For tests: flushes run where {@code scheduler} runs them, and nothing ticks but {@link #tick}. */
    UiFlushers(PushProperties properties, MeterRegistry meterRegistry, Clock clock, FlushScheduler scheduler) {
        this.properties = properties;
        this.clock = clock;
        meters = PushMeters.in(meterRegistry);
        registerGauge(meterRegistry);
        this.scheduler = scheduler;
        executor = null;
    }

    private void registerGauge(MeterRegistry meterRegistry) {
        Gauge.builder("socketboard.push.uis", flushers, Set::size).description("UIs with a live push flusher")
                .register(meterRegistry);
    }

    /**
     * The flusher of {@code ui}, created on first use. Closing the UI (its detach) closes the flusher
     * and every subscription in it. Call it from the UI thread.
     */
    public UiFlusher forUi(UI ui) {
        UiFlusher existing = ComponentUtil.getData(ui, UiFlusher.class);
        if (existing != null && !existing.isClosed()) {
            return existing;
        }
        UiFlusher flusher = new UiFlusher(ui, scheduler, clock, properties, meters, flushers::remove);
        flushers.add(flusher);
        ComponentUtil.setData(ui, UiFlusher.class, flusher);
        ui.addDetachListener(detach -> flusher.close());
        return flusher;
    }

    /** How many UIs have a live flusher. */
    public int activeFlushers() {
        return flushers.size();
    }

    /** One tick: reads every UI's watches; a UI with something dirty gets a flush, within its cap. */
    void tick() {
        for (UiFlusher flusher : flushers) {
            try {
                flusher.flushIfDirty();
            } catch (RuntimeException failure) {
                // An exception would cancel the periodic tick for every UI.
                log.warn("Could not flush a UI", failure);
            }
        }
    }

    @Override
    public void destroy() {
        if (executor != null) {
            executor.shutdownNow();
        }
        flushers.forEach(UiFlusher::close);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "ui-flush-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
