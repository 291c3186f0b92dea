package org.socketboard.variable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socketboard.upstream.Admission;
import org.socketboard.upstream.ConnectionSettings;
import org.socketboard.security.SecretCipher;
import org.socketboard.security.SystemAuthentication;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;
import org.socketboard.upstream.UpstreamClient;
import org.socketboard.variable.runtime.ConnectGuard;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.runtime.LiveVariable;
import org.socketboard.variable.runtime.LiveVariableSpec;
import org.socketboard.live.Subscription;
import org.socketboard.variable.runtime.VariableState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Owns the live instances of variables and opens them while someone looks at them.
 *
 * <p>An <b>application variable</b> has one instance for the whole server, so one upstream connection
 * however many tabs show it. Viewers {@link #acquire} it (a dashboard tab, for each variable its
 * widgets use): the first viewer opens it, and it closes {@code socketboard.variables.idle-grace}
 * after the last viewer let go, unless someone acquires it again meanwhile. <i>Connect on load</i>
 * keeps it open with no viewer at all (from start, and from the moment it is saved so); unticking it
 * lets it close once no viewer holds it. The variable page {@link #watch}es without opening; its
 * <i>Open</i> ({@link VariableLease#open}) holds the variable like a viewer until the page goes, and
 * <i>Close</i> closes it for everybody until a viewer arrives or someone opens it again.
 *
 * <p>A <b>dashboard variable</b> gets one instance per owner (a dashboard tab or a variable page),
 * opened when a tab acquires it and closed with the owner's last lease or {@link #release}.
 *
 * <p>A saved change of a definition replaces its running instances: the replacement is opened when
 * the old one was connecting or open or when it is wanted (viewers, connect on load), and keeps the
 * old records when the strategy, upsert key and record path stay (trimmed to the new limit); lease
 * holders hear of it through {@link VariableLease#onReplaced}. A deleted variable's instances close.
 * All instances share one HTTP client and one timer thread, so an instance costs no thread of its own.
 *
 * <p>Every connect and reconnect of every instance first passes the connection policy (the host is
 * resolved again each time) and takes a place in the connection budget (in total and per variable),
 * given back when that connection ends.
 */
@Service
public class VariableRegistry {

    private static final Logger log = LoggerFactory.getLogger(VariableRegistry.class);
    /** Close reasons (in the event log and the close frame). */
    private static final String NO_VIEWERS = "No viewers";
    private static final String DEFINITION_CHANGED = "Definition changed";
    private static final String DELETED = "Variable deleted";

    private final VariableCatalog catalog;
    private final VariableSettings settings;
    private final ConnectionSettings connectionSettings;
    private final Admission admission;
    private final SecretCipher cipher;
    private final Clock clock;
    private final Duration idleGrace;
    private final UpstreamClient client;
    private final SharedInstances group;
    private final VariableMeters meters;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "variable-reconnect");
        thread.setDaemon(true);
        return thread;
    });

    private final Object lock = new Object();
    // Guarded by lock.
    private final Map<Long, Slot> shared = new HashMap<>();
    private final Map<String, Map<Long, Slot>> owned = new HashMap<>();
    /** Instances closed but whose connection has not ended yet: still counted as connections. */
    private final Set<LiveVariable> closing = ConcurrentHashMap.newKeySet();

    /**
     * @param group how shared instances take part in a group of servers; null: not at all. A bean (not an
     *              Optional), so that the registry closes its instances before the group's connections go
     */
    public VariableRegistry(VariableCatalog catalog, VariableSettings settings, ConnectionSettings connectionSettings,
                            ViewerSettings viewerSettings, Admission admission,
                            SecretCipher cipher, UpstreamClient upstreamClient, VariableMeters meters, Clock clock,
                            @Nullable SharedInstances group) {
        this.group = group == null ? SharedInstances.ALONE : group;
        this.catalog = catalog;
        this.settings = settings;
        this.connectionSettings = connectionSettings;
        this.idleGrace = viewerSettings.idleGrace();
        this.admission = admission;
        this.cipher = cipher;
        this.client = upstreamClient;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * One running instance and whoever wants to hear that it was replaced. A shared slot's counts are
     * guarded by the slot itself (lock order: slot, then {@link #lock}); an owner's slot's by {@link #lock}.
     */
    private final class Slot {
        final long variableId;
        volatile LiveVariable live;
        final List<Consumer<LiveVariable>> replacedListeners = new CopyOnWriteArrayList<>();
        /** Dashboard instance: leases of its owner, the last one closes it. Shared: viewers holding it open. */
        int holds;
        /** Shared only: leases that look without holding it open (the variable page). */
        int watchers;
        /** Shared only: the definition says connect on load. */
        boolean connectOnLoad;
        /** Shared only: identifies the pending close after the grace; null when none is pending. */
        Object idleClose;
        /** Shared only: no longer in the registry (idle, deleted, or now of dashboard scope). */
        boolean forgotten;

        Slot(long variableId, LiveVariable live, boolean connectOnLoad) {
            this.variableId = variableId;
            this.live = live;
            this.connectOnLoad = connectOnLoad;
        }

        /** Whoever holds the slot's guard: makes {@code next} the instance and retires the old one. */
        LiveVariable replaceWith(LiveVariable next, boolean open) {
            LiveVariable previous = live;
            boolean wasActive = isActive(previous);
            live = next;
            retireForGood(previous, DEFINITION_CHANGED);
            carryOver(previous, next);
            if (wasActive || open) {
                next.open();
            }
            return next;
        }

        void tellReplaced(LiveVariable next) {
            replacedListeners.forEach(listener -> listener.accept(next));
        }
    }

    // ---- what views call ---------------------------------------------------------------------------

    /**
     * A viewer's hold on a variable for {@code ownerKey} (e.g. "dashboard-tab:" + a UI's id): the
     * shared instance of an application variable, opened if it is not open or connecting (a closed or
     * failed one gets another try), or the owner's own instance of a dashboard variable, made and
     * opened on the owner's first acquire. Close the lease when the viewer goes: the shared instance
     * then closes after the idle grace if nobody else holds it and it does not connect on load; the
     * owner's instance closes with the owner's last lease.
     *
     * @throws IllegalArgumentException with a reason for people when the definition cannot run (e.g.
     *                                  the service URL cannot be resolved with the values given)
     */
    public VariableLease acquire(Variable variable, String ownerKey) {
        return variable.getScope() == VariableScope.APPLICATION ? holdShared(variable, true) : holdOwned(variable, ownerKey, true);
    }

    /**
     * A look at a variable without opening it, for the variable page: the shared instance of an
     * application variable as it is, or the owner's own instance of a dashboard variable (opened only
     * if it connects on load). {@link VariableLease#open} turns it into a hold.
     *
     * @throws IllegalArgumentException as {@link #acquire}
     */
    public VariableLease watch(Variable variable, String ownerKey) {
        return variable.getScope() == VariableScope.APPLICATION
                ? holdShared(variable, false) : holdOwned(variable, ownerKey, variable.isConnectOnLoad());
    }

    /** Closes and forgets every dashboard instance of {@code ownerKey}; shared instances stay. Harmless twice. */
    public void release(String ownerKey) {
        Map<Long, Slot> released;
        synchronized (lock) {
            released = owned.remove(ownerKey);
        }
        if (released != null) {
            released.values().forEach(slot -> retireForGood(slot.live, NO_VIEWERS));
        }
    }

    /** The shared instance of an application variable, while it is in use, open or watched. */
    public Optional<LiveVariable> running(long variableId) {
        synchronized (lock) {
            return Optional.ofNullable(shared.get(variableId)).map(slot -> slot.live);
        }
    }

    private Lease holdOwned(Variable variable, String ownerKey, boolean open) {
        Slot slot;
        boolean created = false;
        synchronized (lock) {
            Map<Long, Slot> ofOwner = owned.computeIfAbsent(ownerKey, key -> new HashMap<>());
            slot = ofOwner.get(variable.getId());
            if (slot == null) {
                slot = new Slot(variable.getId(), newInstance(variable), false);
                ofOwner.put(variable.getId(), slot);
                created = true;
            }
            slot.holds++;
        }
        if (created && open) {
            slot.live.open();
        }
        return new Lease(slot, ownerKey, true);
    }

    private void releaseOwned(String ownerKey, long variableId) {
        Slot slot;
        synchronized (lock) {
            Map<Long, Slot> ofOwner = owned.get(ownerKey);
            slot = ofOwner == null ? null : ofOwner.get(variableId);
            if (slot == null || --slot.holds > 0) {
                return;
            }
            ofOwner.remove(variableId);
            if (ofOwner.isEmpty()) {
                owned.remove(ownerKey);
            }
        }
        retireForGood(slot.live, NO_VIEWERS);
    }

    private Lease holdShared(Variable variable, boolean viewer) {
        while (true) {
            Slot slot = sharedSlot(variable);
            synchronized (slot) {
                if (slot.forgotten) {
                    continue; // closed for idleness just now: make a new one
                }
                if (viewer) {
                    slot.holds++;
                    cancelIdleClose(slot);
                    if (!isActive(slot.live)) {
                        slot.live.open();
                    }
                } else {
                    slot.watchers++;
                }
                return new Lease(slot, null, viewer);
            }
        }
    }

    private void releaseShared(Slot slot, boolean holding) {
        synchronized (slot) {
            if (holding) {
                slot.holds--;
            } else {
                slot.watchers--;
            }
            settle(slot);
        }
    }

    /**
     * Caller holds the slot. Starts the grace when nothing keeps the instance open any more; forgets a
     * closed instance nobody looks at.
     */
    private void settle(Slot slot) {
        if (slot.forgotten) {
            return;
        }
        if (slot.holds > 0 || slot.connectOnLoad) {
            cancelIdleClose(slot);
        } else if (!isActive(slot.live)) {
            cancelIdleClose(slot);
            if (slot.watchers == 0) {
                forget(slot);
            }
        } else if (slot.idleClose == null) {
            Object token = new Object();
            slot.idleClose = token;
            timers.schedule(() -> idle(slot, token), idleGrace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The grace has passed: closes the instance unless a viewer came back meanwhile. */
    private void idle(Slot slot, Object token) {
        synchronized (slot) {
            if (slot.idleClose != token || slot.forgotten) {
                return; // cancelled, or superseded by a later grace
            }
            slot.idleClose = null;
            if (slot.holds > 0 || slot.connectOnLoad) {
                return;
            }
            if (slot.watchers == 0) {
                forget(slot);
            }
            retire(slot.live, NO_VIEWERS);
        }
    }

    /** Caller holds the slot. */
    private static void cancelIdleClose(Slot slot) {
        slot.idleClose = null;
    }

    /** Caller holds the slot. */
    private void forget(Slot slot) {
        slot.forgotten = true;
        meters.retired(slot.live);
        synchronized (lock) {
            shared.remove(slot.variableId, slot);
        }
    }

    private Slot sharedSlot(Variable variable) {
        synchronized (lock) {
            Slot slot = shared.get(variable.getId());
            if (slot == null) {
                slot = new Slot(variable.getId(), newSharedInstance(variable), variable.isConnectOnLoad());
                shared.put(variable.getId(), slot);
            }
            return slot;
        }
    }

    private LiveVariable newInstance(Variable variable) {
        LiveVariable instance = new LiveVariable(VariableSpecs.specOf(variable, settings, connectionSettings, cipher),
                client, guardFor(variable.getName()), clock, timers);
        meters.track(instance);
        return instance;
    }

    /** The one instance of an application variable: the group of servers decides who connects. */
    private LiveVariable newSharedInstance(Variable variable) {
        LiveVariable live = new LiveVariable(VariableSpecs.specOf(variable, settings, connectionSettings, cipher), client,
                group.guard(variable, guardFor(variable.getName())), clock, timers);
        meters.track(live);
        group.started(variable, live);
        return live;
    }

    /** The policy on the address as it resolves now, then a place in the budget (all instances of a variable share its cap). */
    private ConnectGuard guardFor(String variableName) {
        return uri -> admission.admit(uri, variableName)::close;
    }

    /** Connecting, open or about to reconnect. */
    private static boolean isActive(LiveVariable instance) {
        VariableState state = instance.state();
        return state != VariableState.CLOSED && state != VariableState.FAILED;
    }

    /**
     * The replacement starts with the old records when they mean the same: same strategy, upsert key
     * and record path (a changed URL or parameter keeps them: the records keep their shape). One that
     * already has records (from the other servers of a group) keeps those.
     */
    private static void carryOver(LiveVariable previous, LiveVariable next) {
        LiveVariableSpec before = previous.spec();
        LiveVariableSpec after = next.spec();
        if (next.dataset().version() == 0 && before.strategy() == after.strategy() && before.recordPath().equals(after.recordPath())
                && (before.strategy() != InsertStrategy.UPSERT || Objects.equals(before.upsertKey(), after.upsertKey()))) {
            next.dataset().seedFrom(previous.dataset());
        }
    }

    /** Closes an instance the registry forgets: its counts go into its variable's totals. */
    private void retireForGood(LiveVariable instance, String reason) {
        meters.retired(instance);
        retire(instance, reason);
    }

    /** Closes an instance that nobody holds any more; it counts as a connection until that has ended. */
    private void retire(LiveVariable instance, String reason) {
        if (!instance.hasConnection() && !instance.hasPendingReconnect()) {
            instance.close(reason);
            return;
        }
        closing.add(instance);
        instance.close(reason).whenComplete((ended, error) -> closing.remove(instance));
    }

    // ---- following the definitions -------------------------------------------------------------------

    /**
     * The server is up (the built-in feeds too): connect the application variables that connect on load,
     * as the system (nobody is signed in at start).
     */
    @EventListener(ApplicationReadyEvent.class)
    public void connectOnLoad() {
        SystemAuthentication.run(this::connectAllOnLoad);
    }

    private void connectAllOnLoad() {
        for (Variable variable : catalog.connectingOnLoad()) {
            try {
                openOnLoad(variable);
            } catch (IllegalArgumentException cannotRun) {
                log.warn("Variable {} cannot connect on load: {}", variable.getName(), cannotRun.getMessage());
            }
        }
    }

    private void openOnLoad(Variable variable) {
        while (true) {
            Slot slot = sharedSlot(variable);
            synchronized (slot) {
                if (!slot.forgotten) {
                    slot.connectOnLoad = true;
                    cancelIdleClose(slot);
                    slot.live.open();
                    return;
                }
            }
        }
    }

    @TransactionalEventListener
    void definitionSaved(VariableSaved saved) {
        Variable variable = saved.variable();
        boolean application = variable.getScope() == VariableScope.APPLICATION;
        Slot sharedSlot;
        List<Slot> ownSlots = new ArrayList<>();
        synchronized (lock) {
            sharedSlot = shared.get(variable.getId());
            for (Map<Long, Slot> ofOwner : owned.values()) {
                Optional.ofNullable(ofOwner.get(variable.getId())).ifPresent(ownSlots::add);
            }
        }
        if (sharedSlot != null && !application) {
            synchronized (sharedSlot) {
                forget(sharedSlot);
                retire(sharedSlot.live, DEFINITION_CHANGED);
            }
        } else if (sharedSlot != null) {
            replaceShared(sharedSlot, variable);
        } else if (application && variable.isConnectOnLoad()) {
            openOnLoad(variable);
        }
        for (Slot slot : ownSlots) {
            try {
                slot.tellReplaced(slot.replaceWith(newInstance(variable), false));
            } catch (IllegalArgumentException cannotRun) {
                // Saved definitions are validated, so only a service changed since could get here.
                log.warn("Variable {} was saved but cannot run: {}", variable.getName(), cannotRun.getMessage());
                retire(slot.live, DEFINITION_CHANGED);
            }
        }
    }

    private void replaceShared(Slot slot, Variable variable) {
        LiveVariable next;
        synchronized (slot) {
            if (slot.forgotten) {
                return;
            }
            slot.connectOnLoad = variable.isConnectOnLoad();
            try {
                next = slot.replaceWith(newSharedInstance(variable), slot.holds > 0 || slot.connectOnLoad);
            } catch (IllegalArgumentException cannotRun) {
                log.warn("Variable {} was saved but cannot run: {}", variable.getName(), cannotRun.getMessage());
                retire(slot.live, DEFINITION_CHANGED);
                return;
            }
            settle(slot);
        }
        slot.tellReplaced(next);
    }

    @TransactionalEventListener
    void definitionDeleted(VariableDeleted deleted) {
        Slot sharedSlot;
        List<Slot> gone = new ArrayList<>();
        synchronized (lock) {
            sharedSlot = shared.get(deleted.variableId());
            owned.values().forEach(ofOwner -> Optional.ofNullable(ofOwner.remove(deleted.variableId())).ifPresent(gone::add));
        }
        if (sharedSlot != null) {
            synchronized (sharedSlot) {
                forget(sharedSlot);
                retire(sharedSlot.live, DELETED);
            }
        }
        gone.forEach(slot -> retireForGood(slot.live, DELETED));
        meters.forget(deleted.name());
    }

    /**
     * A variable was saved or deleted on another server of the group: follows it as if it had been
     * saved here (a holder re-opens its connection with the new definition).
     */
    public void followDefinition(long variableId) {
        Optional<Variable> stored = catalog.find(variableId);
        if (stored.isPresent()) {
            definitionSaved(new VariableSaved(stored.get()));
        } else {
            definitionDeleted(new VariableDeleted(variableId, ""));
        }
    }

    @PreDestroy
    void closeAll() {
        List<Slot> all;
        synchronized (lock) {
            all = allSlots().toList();
            shared.clear();
            owned.clear();
        }
        all.forEach(slot -> slot.live.close());
        timers.shutdownNow();
    }

    // ---- counts, for the list view and for tests ---------------------------------------------------

    /** Instances the registry holds (shared and per owner). */
    public int liveInstances() {
        synchronized (lock) {
            return (int) allSlots().count();
        }
    }

    /** Upstream connections that exist (open, opening or closing), including those of released instances. */
    public int openConnections() {
        List<LiveVariable> instances;
        synchronized (lock) {
            instances = new ArrayList<>(allSlots().map(slot -> slot.live).toList());
        }
        instances.addAll(closing);
        return (int) instances.stream().distinct().filter(LiveVariable::hasConnection).count();
    }

    /** Listeners on the held instances and their datasets: what views and widgets have not removed. */
    public int listenerCount() {
        synchronized (lock) {
            return allSlots().mapToInt(slot -> slot.live.listenerCount() + slot.live.dataset().listenerCount()).sum();
        }
    }

    /** Caller holds lock. */
    private Stream<Slot> allSlots() {
        return Stream.concat(shared.values().stream(), owned.values().stream().flatMap(ofOwner -> ofOwner.values().stream()));
    }

    private final class Lease implements VariableLease {
        private final Slot slot;
        /** Null for a shared instance. */
        private final String ownerKey;
        private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
        private final AtomicBoolean closed = new AtomicBoolean();
        /** A shared instance: this lease holds it open (a viewer, or a page that opened it by hand). */
        private boolean holding;

        Lease(Slot slot, String ownerKey, boolean holding) {
            this.slot = slot;
            this.ownerKey = ownerKey;
            this.holding = holding;
        }

        @Override
        public LiveVariable live() {
            return slot.live;
        }

        @Override
        public boolean open() {
            if (ownerKey != null) {
                return slot.live.open();
            }
            synchronized (slot) {
                if (closed.get() || slot.forgotten) {
                    throw new IllegalStateException("This variable was deleted or changed meanwhile: reload the page");
                }
                if (!holding) {
                    holding = true;
                    slot.watchers--;
                    slot.holds++;
                    cancelIdleClose(slot);
                }
                return slot.live.open();
            }
        }

        @Override
        public Subscription onReplaced(Consumer<LiveVariable> listener) {
            Consumer<LiveVariable> registration = listener::accept;
            slot.replacedListeners.add(registration);
            Subscription subscription = () -> slot.replacedListeners.remove(registration);
            subscriptions.add(subscription);
            return subscription;
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            subscriptions.forEach(Subscription::close);
            if (ownerKey != null) {
                releaseOwned(ownerKey, slot.variableId);
            } else {
                releaseShared(slot, holding);
            }
        }
    }
}
