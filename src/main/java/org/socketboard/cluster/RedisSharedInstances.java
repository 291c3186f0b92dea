package org.socketboard.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socketboard.variable.SharedInstances;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.runtime.BoundedDataset;
import org.socketboard.variable.runtime.ConnectGuard;
import org.socketboard.variable.runtime.LiveVariable;
import org.socketboard.variable.runtime.VariableListener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The shared instances of application variables across server instances, through Redis. When a shared
 * instance opens, it takes the variable's lease ({@link Leases}) and connects, or, when another
 * instance holds it, mirrors that instance: OPEN without a connection, its dataset fed from the
 * variable's {@link RecordStream} by {@link StreamMirrors}. The holder renews the lease every third of
 * its time to live, adds each message's records to the stream and lets go when its connection ends;
 * a mirror takes over as soon as the lease is free (at the latest {@code lease-ttl} after a holder died).
 * Every new shared instance starts with the records the stream holds, so datasets survive restarts.
 */
public final class RedisSharedInstances implements SharedInstances, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisSharedInstances.class);
    /** Plain words for the inspector and widgets when Redis cannot be asked. */
    static final String UNREACHABLE = "the shared store (Redis) cannot be reached";

    private final ClusterSettings settings;
    private final InstanceName instance;
    private final StatefulRedisConnection<String, String> commands;
    private final RedisCommands<String, String> redis;
    private final RedisAsyncCommands<String, String> async;
    private final Leases leases;
    private final StreamMirrors mirrors;
    private final ScheduledExecutorService timers;
    /** Leases this instance holds now, released at shutdown if their connections have not ended. */
    private final Set<Held> held = ConcurrentHashMap.newKeySet();
    /** Every shared instance's replica (weakly: a forgotten instance goes with its listener). */
    private final Set<Replica> replicas = Collections.newSetFromMap(Collections.synchronizedMap(new WeakHashMap<>()));
    /** The newest XADD sent: the writes go out in order, so when it is done all are. */
    private volatile CompletableFuture<?> lastWrite = CompletableFuture.completedFuture(null);

    RedisSharedInstances(ClusterSettings settings, InstanceName instance, StatefulRedisConnection<String, String> commands,
                         StreamMirrors mirrors, ScheduledExecutorService timers) {
        this.settings = settings;
        this.instance = instance;
        this.commands = commands;
        this.redis = commands.sync();
        this.async = commands.async();
        this.leases = new Leases(redis);
        this.mirrors = mirrors;
        this.timers = timers;
    }

    @Override
    public ConnectGuard guard(Variable variable, ConnectGuard local) {
        String leaseKey = settings.leaseKey(variable.getId());
        return uri -> {
            String value = instance.name() + "#" + UUID.randomUUID();
            boolean won;
            Optional<String> holder;
            try {
                won = leases.tryAcquire(leaseKey, value, settings.leaseTtl());
                holder = won ? Optional.empty() : leases.holder(leaseKey);
            } catch (RuntimeException redisDown) {
                log.warn("Variable {}: Redis cannot be reached", variable.getName(), redisDown);
                throw new IllegalStateException(UNREACHABLE);
            }
            if (!won) {
                return mirrors.mirror(leaseKey, holder.orElse("another instance"));
            }
            ConnectGuard.Permit admitted;
            try {
                admitted = local.admit(uri);
            } catch (RuntimeException refused) {
                leases.release(leaseKey, value);
                throw refused;
            }
            return hold(variable.getId(), value, admitted);
        };
    }

    /** Holds the lease for as long as the connection admitted by {@code local} lasts. */
    private ConnectGuard.Permit hold(long variableId, String value, ConnectGuard.Permit local) {
        Held lease = new Held(variableId, value, local);
        held.add(lease);
        long every = settings.leaseTtl().toMillis() / 3;
        lease.renewal = timers.scheduleAtFixedRate(lease::renew, every, every, TimeUnit.MILLISECONDS);
        return lease;
    }

    @Override
    public void started(Variable variable, LiveVariable live) {
        RecordStream stream = new RecordStream(settings.streamKey(variable.getId()), live.spec());
        Replica replica = new Replica(stream, live.dataset());
        try {
            RecordStream.Seed seed = stream.seed(redis);
            seed.entries().forEach(replica::apply);
            replica.cursor = seed.lastId();
        } catch (RuntimeException redisDown) {
            log.warn("Variable {} starts empty: Redis cannot be reached", variable.getName(), redisDown);
        }
        mirrors.register(replica);
        replicas.add(replica);
        live.addListener(replica);
    }

    /**
     * Lets the records sent last arrive, then lets go of every lease still held (the registry, closed
     * first, has closed their variables).
     */
    @Override
    public void close() {
        try {
            lastWrite.get(settings.leaseTtl().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException notWritten) {
            log.warn("The last records may not have reached Redis: {}", notWritten.getMessage());
        }
        held.forEach(Held::close);
    }

    /**
     * One shared instance's side of the stream: what it applied or wrote last, and, while it holds the
     * connection, the writer of each message's records.
     */
    final class Replica implements VariableListener {
        final RecordStream stream;
        final BoundedDataset dataset;
        /** The id of the newest entry applied or written; guarded by this. */
        String cursor = "0-0";
        /** Upsert: messages received since the last snapshot (only the receiving thread counts). */
        private int sinceSnapshot;
        /**
         * The holder's messages (and Upsert snapshots, as {@link Snapshot}) not sent yet, in order: those that
         * come while a write is on its way go out together when it is done, so at high rates one
         * {@code XADD} carries many messages and at low rates each goes at once. Guarded by this.
         */
        private final List<Object> unsent = new ArrayList<>();
        /** Whether a write is on its way; guarded by this. */
        private boolean writing;
        /** Completed once what was unsent when they were asked for is in the stream; guarded by this. */
        private final List<CompletableFuture<Void>> waitingForSent = new ArrayList<>();

        Replica(RecordStream stream, BoundedDataset dataset) {
            this.stream = stream;
            this.dataset = dataset;
        }

        /** A mirror's step: one entry's messages to the dataset (the mirror is then its only writer). */
        synchronized void apply(StreamMessage<String, String> entry) {
            List<List<JsonNode>> messages = stream.messagesOf(entry);
            if (messages != null) {
                messages.forEach(dataset::accept);
            }
            cursor = entry.getId();
        }

        /** Applies an entry the mirror has not applied yet (reads of two instances of one variable overlap). */
        synchronized void applyIfNewer(StreamMessage<String, String> entry) {
            if (EntryIds.compare(entry.getId(), cursor) > 0) {
                apply(entry);
            }
        }

        synchronized String cursor() {
            return cursor;
        }

        @Override
        public void recordsApplied(LiveVariable variable, List<JsonNode> records) {
            // Only the holder receives messages, on one thread; the snapshot is the dataset right after this one.
            Snapshot snapshot = null;
            if (stream.strategy() == InsertStrategy.UPSERT && ++sinceSnapshot >= stream.limit()) {
                sinceSnapshot = 0;
                snapshot = new Snapshot(dataset.snapshot());
            }
            synchronized (this) {
                unsent.add(records);
                if (snapshot != null) {
                    unsent.add(snapshot);
                }
                if (writing) {
                    return;
                }
                writing = true;
            }
            writeUnsent();
        }

        /**
         * Sends what is unsent, consecutive messages as one entry, a snapshot as its own; when the last
         * of these XADDs is answered (they go out and are answered in order on the one connection), sends
         * what came meanwhile.
         */
        @SuppressWarnings("unchecked")
        private void writeUnsent() {
            List<Object> items;
            List<CompletableFuture<Void>> waiting;
            synchronized (this) {
                waiting = List.copyOf(waitingForSent);
                waitingForSent.clear();
                if (unsent.isEmpty() || !commands.isOpen()) { // nothing more, or shutting down: the lease is let go already
                    unsent.clear();
                    writing = false;
                    waiting.forEach(done -> done.complete(null));
                    return;
                }
                items = List.copyOf(unsent);
                unsent.clear();
            }
            RedisFuture<String> newest = null;
            List<List<JsonNode>> messages = new ArrayList<>();
            for (Object item : items) {
                if (item instanceof Snapshot snapshot) {
                    if (!messages.isEmpty()) {
                        xadd(messages, false);
                        messages = new ArrayList<>();
                    }
                    newest = xadd(List.of(snapshot.records()), true);
                } else {
                    messages.add((List<JsonNode>) item);
                }
            }
            if (!messages.isEmpty()) {
                newest = xadd(messages, false);
            }
            lastWrite = newest.toCompletableFuture();
            newest.whenComplete((id, error) -> {
                if (error != null) {
                    log.warn("Records of {} not shared: {}", stream.key, error.getMessage());
                } else {
                    synchronized (this) {
                        cursor = id;
                    }
                }
                waiting.forEach(done -> done.complete(null));
                writeUnsent();
            });
        }

        /** Completes once every message this replica has taken so far has been written (or failed to be). */
        synchronized CompletableFuture<Void> sent() {
            if (!writing) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            waitingForSent.add(done);
            return done;
        }

        private RedisFuture<String> xadd(List<List<JsonNode>> messages, boolean snapshot) {
            return async.xadd(stream.key, stream.trimming(), stream.entry(messages, snapshot));
        }
    }

    /** An Upsert snapshot among the unsent messages: the whole dataset as it was after the message before it. */
    private record Snapshot(List<JsonNode> records) {
    }

    /**
     * Waits (at most a lease's time to live) until the messages this instance received for the stream are
     * in it: the next holder reads the stream to its end once the lease is free, and must find them there.
     */
    private void awaitSent(String streamKey) {
        List<CompletableFuture<Void>> sent;
        synchronized (replicas) {
            sent = replicas.stream().filter(replica -> replica.stream.key.equals(streamKey)).map(Replica::sent).toList();
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(settings.leaseTtl().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException notWritten) {
            log.warn("The last records of {} may not have reached Redis: {}", streamKey, notWritten.getMessage());
        }
    }

    /** A lease this instance holds while its connection lasts. */
    private final class Held implements ConnectGuard.Permit {
        private final String key;
        private final String streamKey;
        private final String value;
        private final ConnectGuard.Permit local;
        private final AtomicBoolean closed = new AtomicBoolean();
        volatile ScheduledFuture<?> renewal;

        Held(long variableId, String value, ConnectGuard.Permit local) {
            this.key = settings.leaseKey(variableId);
            this.streamKey = settings.streamKey(variableId);
            this.value = value;
            this.local = local;
        }

        void renew() {
            try {
                if (!leases.renew(key, value, settings.leaseTtl())) {
                    log.warn("The lease {} was lost (Redis unreachable for longer than its time to live?)", key);
                }
            } catch (RuntimeException redisDown) {
                log.warn("The lease {} could not be renewed: {}", key, redisDown.getMessage());
            }
        }

        @Override
        public Optional<String> holder() {
            return Optional.of(instance.name());
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            held.remove(this);
            ScheduledFuture<?> running = renewal;
            if (running != null) {
                running.cancel(false);
            }
            try {
                awaitSent(streamKey);
                leases.release(key, value);
            } catch (RuntimeException redisDown) {
                log.warn("The lease {} could not be released; it expires by itself: {}", key, redisDown.getMessage());
            } finally {
                local.close();
            }
        }
    }
}
