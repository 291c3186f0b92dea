package org.socketboard.push;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared flush scheduler: one {@link ScheduledExecutorService} for the whole application, which
 * ticks every {@code socketboard.push.interval} and flushes each UI with dirty subscriptions. Views
 * inject it and pass {@link #forUi(UI)} to their widgets.
 */
@Component
public class UiFlushers implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UiFlushers.class);

    private final ScheduledExecutorService executor;
    private final Set<UiFlusher> flushers = ConcurrentHashMap.newKeySet();
    private final PushProperties properties;
    private final PushMeters meters;
    private final Clock clock;

    public UiFlushers(PushProperties properties, MeterRegistry meterRegistry, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        meters = PushMeters.in(meterRegistry);
        Gauge.builder("socketboard.push.uis", flushers, Set::size).description("UIs with a live push flusher")
                .register(meterRegistry);
        executor = Executors.newScheduledThreadPool(properties.threads(), daemonThreads());
        long interval = properties.interval().toMillis();
        executor.scheduleAtFixedRate(this::tick, interval, interval, TimeUnit.MILLISECONDS);
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
        UiFlusher flusher = new UiFlusher(ui, executor, meters, clock, properties.dropAfter(), flushers::remove);
        flushers.add(flusher);
        ComponentUtil.setData(ui, UiFlusher.class, flusher);
        ui.addDetachListener(detach -> flusher.close());
        return flusher;
    }

    /** How many UIs have a live flusher. */
    public int activeFlushers() {
        return flushers.size();
    }

    /** One tick: every UI with dirty subscriptions gets a flush, unless its last one is still pending. */
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
        executor.shutdownNow();
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
