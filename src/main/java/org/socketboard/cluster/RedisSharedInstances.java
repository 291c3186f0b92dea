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

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
            return hold(leaseKey, value, admitted);
        };
    }

    /** Holds the lease for as long as the connection admitted by {@code local} lasts. */
    private ConnectGuard.Permit hold(String leaseKey, String value, ConnectGuard.Permit local) {
        Held lease = new Held(leaseKey, value, local);
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
        /** Upsert: entries written since the last snapshot. */
        private int sinceSnapshot;

        Replica(RecordStream stream, BoundedDataset dataset) {
            this.stream = stream;
            this.dataset = dataset;
        }

        /** A mirror's step: one entry to the dataset (the mirror is then its only writer). */
        synchronized void apply(StreamMessage<String, String> entry) {
            List<JsonNode> records = stream.recordsOf(entry);
            if (records != null) {
                dataset.accept(records);
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
            // Only the holder receives messages; the XADDs go out in order on the one connection.
            write(records, false);
            if (stream.strategy() == InsertStrategy.UPSERT && ++sinceSnapshot >= stream.limit()) {
                sinceSnapshot = 0;
                write(dataset.snapshot(), true);
            }
        }

        private void write(List<JsonNode> records, boolean snapshot) {
            if (!commands.isOpen()) {
                return; // shutting down: the lease is let go already
            }
            RedisFuture<String> written = async.xadd(stream.key, stream.trimming(), stream.entry(records, snapshot));
            lastWrite = written.toCompletableFuture();
            written.whenComplete((id, error) -> {
                if (error != null) {
                    log.warn("Records of {} not shared: {}", stream.key, error.getMessage());
                } else {
                    synchronized (this) {
                        cursor = id;
                    }
                }
            });
        }
    }

    /** A lease this instance holds while its connection lasts. */
    private final class Held implements ConnectGuard.Permit {
        private final String key;
        private final String value;
        private final ConnectGuard.Permit local;
        private final AtomicBoolean closed = new AtomicBoolean();
        volatile ScheduledFuture<?> renewal;

        Held(String key, String value, ConnectGuard.Permit local) {
            this.key = key;
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
                leases.release(key, value);
            } catch (RuntimeException redisDown) {
                log.warn("The lease {} could not be released; it expires by itself: {}", key, redisDown.getMessage());
            } finally {
                local.close();
            }
        }
    }
}
