package org.socketboard.variable.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.shared.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Refreshes the variable views from the runtime's counters at most four times a second: each tick
 * reads a cheap signature of what a view shows (state, counters, dataset version) and pushes a
 * refresh through {@code UI.access} only when it changed and the previous one has run. A quiet
 * variable costs no push; a busy one costs one push per tick whatever its message rate.
 *
 * <p>This reads the runtime by polling rather than through {@code push.UiFlushers}: the push feature
 * depends on the variable feature, so variable views cannot depend on it without a package cycle.
 */
@Component
public class LiveRefresher implements DisposableBean {

    static final Duration INTERVAL = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(LiveRefresher.class);

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "variable-view-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

    public LiveRefresher() {
        ticker.scheduleAtFixedRate(this::tick, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code refresh} under the UI's lock whenever {@code signature} (read on the ticker thread,
     * so it must be thread-safe and cheap) gives a value unequal to the last one. Remove the
     * registration in onDetach.
     */
    public Registration watch(UI ui, Supplier<Object> signature, Runnable refresh) {
        Watch watch = new Watch(ui, signature, refresh);
        watches.add(watch);
        return () -> watches.remove(watch);
    }

    /** Views being watched (so that tests can check that a detached view is gone). */
    public int watchCount() {
        return watches.size();
    }

    private void tick() {
        for (Watch watch : watches) {
            try {
                watch.refreshIfChanged();
            } catch (UIDetachedException gone) {
                watches.remove(watch);
            } catch (RuntimeException failure) {
                // An exception would cancel the periodic tick for every view.
                log.warn("Could not refresh a variable view", failure);
            }
        }
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
        watches.clear();
    }

    private static final class Watch {
        private final UI ui;
        private final Supplier<Object> signature;
        private final Runnable refresh;
        private Object shown;
        private Future<Void> pending;

        Watch(UI ui, Supplier<Object> signature, Runnable refresh) {
            this.ui = ui;
            this.signature = signature;
            this.refresh = refresh;
        }

        /** Only the ticker thread calls this. */
        void refreshIfChanged() {
            if (pending != null && !pending.isDone()) {
                return;
            }
            Object now = signature.get();
            if (Objects.equals(now, shown)) {
                return;
            }
            shown = now;
            pending = ui.access(refresh::run);
        }
    }
}
