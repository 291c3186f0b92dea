package org.socketboard.cluster;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socketboard.variable.runtime.BoundedDataset;
import org.socketboard.variable.runtime.ConnectGuard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mirrors of this instance: one thread reads the streams of every mirrored variable with one
 * blocking {@code XREAD} (on a connection of its own, so that commands of the others never wait behind
 * it), from the id each last applied, and applies the entries to their datasets. Every
 * {@code lease-check} it also looks whether a mirrored variable's lease is free: then it reads that
 * stream to its end and hands over (the variable connects here, or mirrors whoever was faster).
 */
final class StreamMirrors implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamMirrors.class);
    private static final long MAX_ENTRIES_PER_READ = 1000;

    private final ClusterSettings settings;
    private final RedisCommands<String, String> blocking;
    private final StatefulRedisConnection<String, String> blockingConnection;
    private final Leases leases;
    /** Each shared instance's replica, by its dataset (weakly: a forgotten instance goes with its dataset). */
    private final Map<BoundedDataset, RedisSharedInstances.Replica> replicas = Collections.synchronizedMap(new WeakHashMap<>());
    private final Set<Mirror> active = ConcurrentHashMap.newKeySet();
    private final Object wake = new Object();
    private final Thread reader;
    private volatile boolean running = true;

    StreamMirrors(ClusterSettings settings, StatefulRedisConnection<String, String> blockingConnection, Leases leases) {
        this.settings = settings;
        this.blockingConnection = blockingConnection;
        this.blocking = blockingConnection.sync();
        this.leases = leases;
        this.reader = new Thread(this::run, "cluster-stream-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    void register(RedisSharedInstances.Replica replica) {
        replicas.put(replica.dataset, replica);
    }

    ConnectGuard.Mirror mirror(String leaseKey, String holder) {
        return new Mirror(leaseKey, holder);
    }

    private void run() {
        long lastCheck = System.nanoTime();
        while (running) {
            try {
                List<Mirror> now = List.copyOf(active);
                if (now.isEmpty()) {
                    synchronized (wake) {
                        wake.wait(settings.readBlock().toMillis());
                    }
                    continue;
                }
                read(now, XReadArgs.Builder.block(settings.readBlock()).count(MAX_ENTRIES_PER_READ));
                if (System.nanoTime() - lastCheck >= settings.leaseCheck().toNanos()) {
                    lastCheck = System.nanoTime();
                    now.forEach(this::takeOverIfFree);
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException redisTrouble) {
                if (running) {
                    log.warn("Reading the shared records failed; retrying: {}", redisTrouble.getMessage());
                    pause();
                }
            }
        }
    }

    /** One XREAD over the mirrors' streams; returns whether anything came. */
    private boolean read(List<Mirror> mirrors, XReadArgs args) {
        Map<String, String> from = new LinkedHashMap<>();
        for (Mirror mirror : mirrors) {
            // Two instances of one variable (a replacement starting) read from the older position.
            from.merge(mirror.replica.stream.key, mirror.replica.cursor(), (a, b) -> EntryIds.compare(a, b) <= 0 ? a : b);
        }
        @SuppressWarnings("unchecked")
        XReadArgs.StreamOffset<String>[] offsets = from.entrySet().stream()
                .map(entry -> XReadArgs.StreamOffset.from(entry.getKey(), entry.getValue()))
                .toArray(XReadArgs.StreamOffset[]::new);
        List<StreamMessage<String, String>> entries = blocking.xread(args, offsets);
        if (entries == null || entries.isEmpty()) {
            return false;
        }
        for (StreamMessage<String, String> entry : entries) {
            for (Mirror mirror : mirrors) {
                if (mirror.replica.stream.key.equals(entry.getStream()) && active.contains(mirror)) {
                    mirror.replica.applyIfNewer(entry);
                }
            }
        }
        return true;
    }

    private void takeOverIfFree(Mirror mirror) {
        if (!active.contains(mirror) || leases.holder(mirror.leaseKey).isPresent()) {
            return;
        }
        // The holder is gone: whatever it wrote last is applied before this instance connects.
        while (read(List.of(mirror), XReadArgs.Builder.count(MAX_ENTRIES_PER_READ))) {
            // until the stream's end
        }
        if (active.remove(mirror)) {
            mirror.takeOver.run();
        }
    }

    private void pause() {
        try {
            Thread.sleep(settings.leaseCheck().toMillis());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        reader.interrupt();
        blockingConnection.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One variable instance mirroring another server's connection. */
    private final class Mirror implements ConnectGuard.Mirror {
        final String leaseKey;
        final String holder;
        RedisSharedInstances.Replica replica;
        Runnable takeOver;

        Mirror(String leaseKey, String holder) {
            this.leaseKey = leaseKey;
            this.holder = holder;
        }

        @Override
        public void start(BoundedDataset dataset, Runnable takeOver) {
            this.replica = replicas.get(dataset);
            if (replica == null) {
                throw new IllegalStateException("A mirror needs a shared instance started by the group");
            }
            this.takeOver = takeOver;
            active.add(this);
            synchronized (wake) {
                wake.notifyAll();
            }
        }

        @Override
        public Optional<String> holder() {
            return Optional.of(holder);
        }

        @Override
        public void close() {
            active.remove(this);
        }
    }
}
