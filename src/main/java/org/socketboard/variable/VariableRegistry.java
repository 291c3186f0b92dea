package org.socketboard.variable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socketboard.security.ConnectionBudget;
import org.socketboard.security.ConnectionPolicy;
import org.socketboard.security.ConnectionSettings;
import org.socketboard.security.SecretCipher;
import org.socketboard.security.SystemAuthentication;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;
import org.socketboard.upstream.UpstreamClient;
import org.socketboard.variable.runtime.ConnectGuard;
import org.socketboard.variable.runtime.LiveVariable;
import org.socketboard.variable.runtime.Subscription;
import org.socketboard.variable.runtime.VariableState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Owns the live instances of variables. An application variable has one instance for the whole
 * server, made on first use (or at start for "Connect on load", once the server, and so the built-in
 * demo feeds, are up). A dashboard variable gets one instance per owner (a dashboard tab): views
 * {@link #acquire} it in onAttach and {@link #release} their owner key in onDetach, which closes the
 * connection, cancels its reconnect timer and forgets it.
 *
 * <p>A saved change of a definition replaces its running instances (closed, and the replacement
 * opened if the old one was connected); a deleted variable's instances are closed. All instances
 * share one HTTP client and one timer thread, so an instance costs no thread of its own.
 *
 * <p>Every connect and reconnect of every instance first passes the connection policy (the host is
 * resolved again each time) and takes a place in the connection budget (in total and per variable),
 * given back when that connection ends.
 */
@Service
public class VariableRegistry {

    private static final Logger log = LoggerFactory.getLogger(VariableRegistry.class);

    private final VariableCatalog catalog;
    private final VariableSettings settings;
    private final ConnectionSettings connectionSettings;
    private final ConnectionPolicy policy;
    private final ConnectionBudget budget;
    private final SecretCipher cipher;
    private final Clock clock;
    private final UpstreamClient client;
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

    public VariableRegistry(VariableCatalog catalog, VariableSettings settings, ConnectionSettings connectionSettings,
                            ConnectionPolicy policy, ConnectionBudget budget, SecretCipher cipher,
                            UpstreamClient upstreamClient, Clock clock) {
        this.catalog = catalog;
        this.settings = settings;
        this.connectionSettings = connectionSettings;
        this.policy = policy;
        this.budget = budget;
        this.cipher = cipher;
        this.client = upstreamClient;
        this.clock = clock;
    }

    /** One running instance and whoever wants to hear that it was replaced. */
    private final class Slot {
        final long variableId;
        volatile LiveVariable live;
        final List<Consumer<LiveVariable>> replacedListeners = new CopyOnWriteArrayList<>();
        /** Leases of one owner on a dashboard instance (guarded by lock): the last one closes it. */
        int holds;

        Slot(long variableId, LiveVariable live) {
            this.variableId = variableId;
            this.live = live;
        }

        void replaceWith(LiveVariable next) {
            LiveVariable previous = live;
            boolean wasConnected = previous.state() != VariableState.CLOSED && previous.state() != VariableState.FAILED;
            live = next;
            retire(previous);
            if (wasConnected) {
                next.open();
            }
            replacedListeners.forEach(listener -> listener.accept(next));
        }
    }

    // ---- what views call ---------------------------------------------------------------------------

    /**
     * The live instance of a variable for {@code ownerKey} (e.g. "dashboard-tab:" + the UI id): the
     * shared one of an application variable, or the owner's own one of a dashboard variable, made on
     * the owner's first acquire and opened then if it connects on load. The same owner acquiring
     * the same variable again shares that instance; it closes with the owner's last lease.
     *
     * @throws IllegalArgumentException with a reason for people when the definition cannot run (e.g.
     *                                  the service URL cannot be resolved with the values given)
     */
    public VariableLease acquire(Variable variable, String ownerKey) {
        if (variable.getScope() == VariableScope.APPLICATION) {
            return new Lease(applicationSlot(variable), null);
        }
        Slot slot;
        boolean created = false;
        synchronized (lock) {
            Map<Long, Slot> ofOwner = owned.computeIfAbsent(ownerKey, key -> new HashMap<>());
            slot = ofOwner.get(variable.getId());
            if (slot == null) {
                slot = new Slot(variable.getId(), newInstance(variable));
                ofOwner.put(variable.getId(), slot);
                created = true;
            }
            slot.holds++;
        }
        if (created && variable.isConnectOnLoad()) {
            slot.live.open();
        }
        return new Lease(slot, ownerKey);
    }

    /** Closes and forgets every dashboard instance of {@code ownerKey}; shared instances stay. Harmless twice. */
    public void release(String ownerKey) {
        Map<Long, Slot> released;
        synchronized (lock) {
            released = owned.remove(ownerKey);
        }
        if (released != null) {
            released.values().forEach(slot -> retire(slot.live));
        }
    }

    /** The shared instance of an application variable, if it has been made (by use or at start). */
    public Optional<LiveVariable> running(long variableId) {
        synchronized (lock) {
            return Optional.ofNullable(shared.get(variableId)).map(slot -> slot.live);
        }
    }

    private void release(String ownerKey, long variableId) {
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
        retire(slot.live);
    }

    private Slot applicationSlot(Variable variable) {
        synchronized (lock) {
            Slot slot = shared.get(variable.getId());
            if (slot == null) {
                slot = new Slot(variable.getId(), newInstance(variable));
                shared.put(variable.getId(), slot);
            }
            return slot;
        }
    }

    private LiveVariable newInstance(Variable variable) {
        return new LiveVariable(VariableSpecs.specOf(variable, settings, connectionSettings, cipher), client,
                guardFor(variable.getName()), clock, timers);
    }

    /** The policy on the address as it resolves now, then a place in the budget (all instances of a variable share its cap). */
    private ConnectGuard guardFor(String variableName) {
        return uri -> {
            policy.check(uri);
            return budget.acquire(variableName)::close;
        };
    }

    /** Closes an instance that nobody holds any more; it counts as a connection until that has ended. */
    private void retire(LiveVariable instance) {
        if (!instance.hasConnection() && !instance.hasPendingReconnect()) {
            instance.close();
            return;
        }
        closing.add(instance);
        instance.close().whenComplete((ended, error) -> closing.remove(instance));
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
                applicationSlot(variable).live.open();
            } catch (IllegalArgumentException cannotRun) {
                log.warn("Variable {} cannot connect on load: {}", variable.getName(), cannotRun.getMessage());
            }
        }
    }

    @TransactionalEventListener
    void definitionSaved(VariableSaved saved) {
        Variable variable = saved.variable();
        List<Slot> affected = new ArrayList<>();
        List<Slot> dropped = new ArrayList<>();
        synchronized (lock) {
            Slot sharedSlot = shared.get(variable.getId());
            if (sharedSlot != null) {
                (variable.getScope() == VariableScope.APPLICATION ? affected : dropped).add(sharedSlot);
                if (variable.getScope() != VariableScope.APPLICATION) {
                    shared.remove(variable.getId());
                }
            }
            for (Map<Long, Slot> ofOwner : owned.values()) {
                Slot ownSlot = ofOwner.get(variable.getId());
                if (ownSlot != null) {
                    affected.add(ownSlot);
                }
            }
        }
        dropped.forEach(slot -> retire(slot.live));
        for (Slot slot : affected) {
            try {
                slot.replaceWith(newInstance(variable));
            } catch (IllegalArgumentException cannotRun) {
                // Saved definitions are validated, so only a service changed since could get here.
                log.warn("Variable {} was saved but cannot run: {}", variable.getName(), cannotRun.getMessage());
                retire(slot.live);
            }
        }
        if (variable.getScope() == VariableScope.APPLICATION && variable.isConnectOnLoad() && affected.isEmpty()) {
            applicationSlot(variable).live.open();
        }
    }

    @TransactionalEventListener
    void definitionDeleted(VariableDeleted deleted) {
        List<Slot> gone = new ArrayList<>();
        synchronized (lock) {
            Optional.ofNullable(shared.remove(deleted.variableId())).ifPresent(gone::add);
            owned.values().forEach(ofOwner -> Optional.ofNullable(ofOwner.remove(deleted.variableId())).ifPresent(gone::add));
        }
        gone.forEach(slot -> retire(slot.live));
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
        /** Null for a shared instance: releasing it closes nothing. */
        private final String ownerKey;
        private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
        private final AtomicBoolean closed = new AtomicBoolean();

        Lease(Slot slot, String ownerKey) {
            this.slot = slot;
            this.ownerKey = ownerKey;
        }

        @Override
        public LiveVariable live() {
            return slot.live;
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
                release(ownerKey, slot.variableId);
            }
        }
    }
}
