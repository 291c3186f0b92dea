package org.socketboard.push;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.server.communication.PushConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socketboard.live.DatasetChange;
import org.socketboard.live.LiveDataset;
import org.socketboard.live.Subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Coalesces the dataset changes of all widgets of one UI into at most one {@code UI.access} per
 * {@code socketboard.push.interval} (250 ms). A dataset's listener, on the feed's thread, marks its
 * subscription dirty and asks for a flush: when the UI's last flush began a whole interval ago or
 * longer (a quiet spell), the flush is handed over at once; otherwise it is scheduled for the moment
 * the interval since the last flush is over, and every change until then joins it. So a slow feed's
 * change is on screen without waiting for a tick, and however fast the feeds, a UI gets at most one
 * push per interval. The flush, under the session lock, asks each dirty dataset what changed since
 * the version its widget last applied and hands that one change to the widget.
 * <p>
 * A UI whose flush has been asked for but has not run yet (slow, or its session busy) is not asked
 * again, never waited for, so it holds up neither a feed nor another UI. A UI that stays behind longer
 * than {@code socketboard.push.drop-after} (a flush handed to its session more than an interval ago
 * and not begun, or its push connection down: a client that does not read, a tab that vanished
 * without saying so) is dropped; a flush still waiting for a pool thread is not its lag:
 * its subscriptions close at once and the UI is closed and removed as soon as its session is free, so
 * nothing piles up for it. Watched readings are read at each tick of {@link UiFlushers}. With
 * {@code socketboard.push.immediate-first-flush=false} a change waits for the next tick instead. Get
 * one with {@link UiFlushers#forUi}; widgets subscribe in {@code onAttach} and close the subscription
 * in {@code onDetach}.
 */
public final class UiFlusher {

    private static final Logger log = LoggerFactory.getLogger(UiFlusher.class);

    private final UI ui;
    private final FlushScheduler scheduler;
    private final Clock clock;
    private final long intervalMillis;
    private final boolean immediateFirstFlush;
    private final Consumer<UiFlusher> onClose;
    private final PushMeters meters;
    private final Duration dropAfter;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final List<Watch<?>> watches = new CopyOnWriteArrayList<>();
    /** Some subscriber is dirty: lets a tick pass over a quiet UI without looking at its subscribers. */
    private final AtomicBoolean dirty = new AtomicBoolean();
    /**
     * A flush has been asked for and has not begun: scheduled, being handed to {@code UI.access}, or
     * queued there behind a busy session. Changes meanwhile join it.
     */
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicLong flushes = new AtomicLong();
    /** When the last flush began ({@link Clock#millis()}); one interval before creation at first. */
    private volatile long lastFlushMillis;
    /**
     * The flush has been handed to {@code UI.access} and has not begun: it waits for this UI's session.
     * Lag is counted from then, not while it waits for a pool thread: a busy pool (every UI waits, at
     * most one task each) is the server's lag, not this client's, and dropping viewers for it closed
     * healthy dashboards under load (issue 15.3).
     */
    private volatile boolean awaitingSession;
    /** When the flush was handed to {@code UI.access} ({@link Clock#millis()}). */
    private volatile long handedOverMillis;
    private volatile boolean closed;
    /** Since when the UI is behind (flush pending or push down), as seen by the ticks; null while it keeps up. */
    private Instant behindSince;
    /** The push connection was seen connected at a tick: from then on, its being down counts as lag. */
    private boolean pushSeenUp;

    UiFlusher(UI ui, FlushScheduler scheduler, Clock clock, PushProperties properties, PushMeters meters,
              Consumer<UiFlusher> onClose) {
        this.ui = ui;
        this.scheduler = scheduler;
        this.clock = clock;
        this.intervalMillis = properties.interval().toMillis();
        this.immediateFirstFlush = properties.immediateFirstFlush();
        this.dropAfter = properties.dropAfter();
        this.meters = meters;
        this.onClose = onClose;
        this.lastFlushMillis = clock.millis() - intervalMillis;
    }

    /**
     * Calls {@code applyChange} with every change of {@code dataset}, coalesced per flush, under the
     * session lock. The first change it gets is a snapshot. Close the subscription when the widget
     * detaches.
     */
    public Subscription subscribe(LiveDataset dataset, Consumer<DatasetChange> applyChange) {
        if (closed) {
            throw new IllegalStateException("the UI of this flusher is closed");
        }
        Subscriber subscriber = new Subscriber(Objects.requireNonNull(dataset), Objects.requireNonNull(applyChange));
        subscriber.listening = dataset.onChange(subscriber::markDirty);
        subscribers.add(subscriber);
        subscriber.markDirty(); // the first flush brings the snapshot
        if (closed) {
            unsubscribe(subscriber); // the UI went away meanwhile
        }
        return () -> unsubscribe(subscriber);
    }

    /**
     * Calls {@code show} with what {@code reading} gives: at once (call this under the session lock,
     * e.g. in onAttach), then in a flush whenever the reading differs from the last one. The reading is
     * taken at every tick on the tick thread, so it must be cheap and thread-safe. For what changes
     * without a dataset change: a connection's state, a countdown. Close the subscription on detach.
     */
    public <T> Subscription watch(Supplier<T> reading, Consumer<T> show) {
        if (closed) {
            throw new IllegalStateException("the UI of this flusher is closed");
        }
        Watch<T> watch = new Watch<>(Objects.requireNonNull(reading), Objects.requireNonNull(show));
        watch.showNow();
        watches.add(watch);
        return () -> watches.remove(watch);
    }

    /** How many flushes (each one {@code UI.access}) have run for this UI. */
    public long flushCount() {
        return flushes.get();
    }

    public int subscriptionCount() {
        return subscribers.size();
    }

    /** How many {@link #watch}es are registered. */
    public int watchCount() {
        return watches.size();
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Called by each tick (only ever by one thread at a time): drops the UI when it has been behind too
     * long, else reads the watches and asks for a flush if anything is dirty.
     */
    void flushIfDirty() {
        if (closed || droppedForLagging()) {
            return;
        }
        for (Watch<?> watch : watches) {
            watch.look();
        }
        if (dirty.get()) {
            requestFlush();
        }
    }

    /**
     * Asks for one flush unless one is already asked for: handed over now when the last flush began
     * an interval ago or longer, else when that interval is over. Cheap and non-blocking (feed threads).
     */
    private void requestFlush() {
        if (closed || !requested.compareAndSet(false, true)) {
            return;
        }
        // Without the immediate first flush only the tick asks, and its period is the cap.
        long wait = immediateFirstFlush ? lastFlushMillis + intervalMillis - clock.millis() : 0;
        try {
            // UI.access runs the flush right where it is called when the session is free: on a pool
            // thread, not on the feed's thread nor on the tick that serves every UI.
            if (wait <= 0) {
                scheduler.runSoon(this::handOver);
            } else {
                scheduler.runAfter(Duration.ofMillis(wait), this::handOver);
            }
        } catch (RejectedExecutionException shuttingDown) {
            requested.set(false);
        }
    }

    private void handOver() {
        if (closed) {
            return;
        }
        handedOverMillis = clock.millis();
        awaitingSession = true;
        try {
            ui.access(() -> meters.flushDuration().record(this::flush));
        } catch (UIDetachedException gone) {
            close();
        }
    }

    /** On the tick thread. */
    private boolean droppedForLagging() {
        boolean overdue = flushOverdue();
        if (!overdue && !pushDown()) {
            behindSince = null;
            return false;
        }
        Instant now = clock.instant();
        if (behindSince == null) {
            behindSince = now;
        }
        if (Duration.between(behindSince, now).compareTo(dropAfter) <= 0) {
            return false;
        }
        log.info("Dropping a UI that has been behind for {}: {}", dropAfter, overdue
                ? "its flush waits for its session, held elsewhere"
                : "its push connection is down (a client gone)");
        meters.dropped().increment();
        close();
        try {
            // Queued behind whatever holds the session: the view's detach then lets go of its variables.
            ui.access(() -> {
                ui.close();
                ui.getSession().removeUI(ui);
            });
        } catch (UIDetachedException gone) {
            // Detached meanwhile: nothing left to remove.
        }
        return true;
    }

    /**
     * The UI's push connection was up and is down now (read without the session lock: a hint). One
     * that never came up (still connecting, or no push at all) is left to Vaadin's heartbeat.
     */
    private boolean pushDown() {
        PushConnection push = ui.getInternals().getPushConnection();
        boolean up = push != null && push.isConnected();
        pushSeenUp |= up;
        return pushSeenUp && !up;
    }

    /**
     * A flush was handed to {@code UI.access} more than an interval ago and has not begun: queued
     * behind a session that does not come free.
     */
    private boolean flushOverdue() {
        return awaitingSession && clock.millis() - handedOverMillis > intervalMillis;
    }

    /** Runs under the session lock. */
    private void flush() {
        lastFlushMillis = clock.millis();
        awaitingSession = false;
        // From here a change asks for the next flush, due an interval after this one began.
        requested.set(false);
        flushes.incrementAndGet();
        dirty.set(false);
        for (Subscriber subscriber : subscribers) {
            subscriber.applyIfDirty();
        }
        for (Watch<?> watch : watches) {
            watch.showIfChanged();
        }
    }

    /** Stops everything at once: the UI is gone. Called on UI detach; harmless twice. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        subscribers.forEach(this::unsubscribe);
        watches.clear();
        onClose.accept(this);
    }

    private void unsubscribe(Subscriber subscriber) {
        if (subscribers.remove(subscriber)) {
            subscriber.listening.close();
        }
    }

    private final class Subscriber {
        private final LiveDataset dataset;
        private final Consumer<DatasetChange> applyChange;
        private final AtomicBoolean changed = new AtomicBoolean();
        private Subscription listening;
        /** Only touched in flushes, under the session lock. Below 0: the next change is a snapshot. */
        private long appliedVersion = -1;

        Subscriber(LiveDataset dataset, Consumer<DatasetChange> applyChange) {
            this.dataset = dataset;
            this.applyChange = applyChange;
        }

        /** The dataset listener, on the feed's thread: cheap and non-blocking. */
        void markDirty() {
            changed.set(true);
            dirty.set(true);
            if (immediateFirstFlush) {
                requestFlush();
            }
        }

        void applyIfDirty() {
            if (!changed.getAndSet(false)) {
                return;
            }
            DatasetChange change = dataset.changesSince(appliedVersion);
            if (change.isEmpty()) {
                return;
            }
            try {
                applyChange.accept(change);
                appliedVersion = change.toVersion();
            } catch (RuntimeException failure) {
                // One broken widget must not stop the others; it resynchronises from a snapshot
                // with the dataset's next change.
                log.warn("A widget failed to apply the change {} -> {} of {}", change.fromVersion(),
                        change.toVersion(), dataset, failure);
                appliedVersion = -1;
            }
        }
    }

    private final class Watch<T> {
        private final Supplier<T> reading;
        private final Consumer<T> show;
        private final AtomicBoolean changed = new AtomicBoolean();
        /** The newest reading, taken on the tick thread. */
        private volatile T latest;

        Watch(Supplier<T> reading, Consumer<T> show) {
            this.reading = reading;
            this.show = show;
        }

        void showNow() {
            latest = reading.get();
            show.accept(latest);
        }

        /** On the tick thread. */
        void look() {
            T now;
            try {
                now = reading.get();
            } catch (RuntimeException failure) {
                log.warn("A watched reading failed", failure);
                return;
            }
            if (!Objects.equals(now, latest)) {
                latest = now;
                changed.set(true);
                dirty.set(true);
            }
        }

        /** Under the session lock. */
        void showIfChanged() {
            if (changed.getAndSet(false)) {
                try {
                    show.accept(latest);
                } catch (RuntimeException failure) {
                    log.warn("Showing a watched reading failed", failure);
                }
            }
        }
    }
}
