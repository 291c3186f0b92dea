package org.socketboard.variable.runtime;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socketboard.live.DatasetChange;
import org.socketboard.live.LiveDataset;
import org.socketboard.live.Subscription;
import org.socketboard.variable.domain.InsertStrategy;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.StampedLock;

/**
 * The records of a live variable, bounded by a limit and versioned so that subscribers can be sent
 * deltas instead of copies.
 *
 * <p>Storage is a ring buffer in insertion order (oldest at {@code head}), so inserting at one end and
 * dropping at the other are O(1) whatever the limit. The array starts small and doubles up to the
 * limit: a dataset limited to 100,000 records that only ever holds 20 costs 16–32 slots, not 100,000.
 * ADD_FIRST shares the same storage and is only displayed in reverse (newest first).
 *
 * <p>Versions: for ADD_LAST and ADD_FIRST the version is the number of records ever inserted. A
 * subscriber at version {@code v} held {@code min(v, limit)} records; {@code n = version - v} records
 * came since, so it must add the newest {@code min(n, size)} and drop the surplus from the other end.
 * No history is kept. REFRESH and UPSERT count changes and describe each as a SNAPSHOT.
 *
 * <p>One writer thread calls {@link #accept}; any thread may read. Records must not be mutated after
 * they are accepted, since readers share them.
 */
public final class BoundedDataset implements LiveDataset {

    private static final Logger log = LoggerFactory.getLogger(BoundedDataset.class);
    private static final int INITIAL_CAPACITY = 16;

    private final InsertStrategy strategy;
    private final int limit;
    private final JsonPointer upsertKey;
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    // Reads copy out under a read lock; an optimistic read could see a half-swapped array on growth.
    private final StampedLock lock = new StampedLock();

    // Guarded by lock (written only by the writer thread).
    private JsonNode[] ring;
    private int head;
    private int size;
    /** UPSERT only: key value → sequence number of the record holding it. */
    private final Map<String, Long> sequenceByKey;
    /** Sequence number of the record at {@code head}; with {@code size} it locates any sequence. */
    private long headSequence;
    private volatile long version;
    /** Records handed to {@link #accept} since creation (also those dropped again at once by the limit). */
    private volatile long recordsAccepted;

    /**
     * @param upsertKeyPath JSON Pointer of the key inside a record, e.g. {@code /symbol}; required for
     *                      UPSERT, ignored otherwise
     */
    public BoundedDataset(InsertStrategy strategy, int limit, String upsertKeyPath) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        if (limit < 1) {
            throw new IllegalArgumentException("The data limit must be at least 1, was " + limit);
        }
        this.limit = limit;
        if (strategy == InsertStrategy.UPSERT) {
            this.upsertKey = compileKey(upsertKeyPath);
            this.sequenceByKey = new HashMap<>();
        } else {
            this.upsertKey = null;
            this.sequenceByKey = null;
        }
        this.ring = new JsonNode[Math.min(limit, INITIAL_CAPACITY)];
    }

    private static JsonPointer compileKey(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("Upsert needs a key path (a JSON Pointer such as /id)");
        }
        try {
            return JsonPointer.compile(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The upsert key '" + path + "' is not a JSON Pointer (it must start with /)", e);
        }
    }

    public InsertStrategy strategy() {
        return strategy;
    }

    public int limit() {
        return limit;
    }

    /**
     * Applies the records of one message according to the strategy, then tells the listeners (on this
     * thread, outside the lock). An empty list changes nothing, except under REFRESH where it
     * empties the dataset. A message with nothing at the record path is not an empty list: the live
     * variable does not call this for it at all, so it leaves the dataset as it is.
     */
    public void accept(List<JsonNode> recordsOfOneMessage) {
        if (recordsOfOneMessage.isEmpty() && strategy != InsertStrategy.REFRESH) {
            return;
        }
        long stamp = lock.writeLock();
        try {
            recordsAccepted += recordsOfOneMessage.size();
            switch (strategy) {
                case ADD_LAST, ADD_FIRST -> {
                    for (JsonNode record : recordsOfOneMessage) {
                        append(Objects.requireNonNull(record, "record"));
                    }
                    version += recordsOfOneMessage.size();
                }
                case REFRESH -> {
                    removeAll();
                    int kept = Math.min(recordsOfOneMessage.size(), limit);
                    for (int i = 0; i < kept; i++) {
                        append(Objects.requireNonNull(recordsOfOneMessage.get(i), "record"));
                    }
                    version++;
                }
                case UPSERT -> {
                    for (JsonNode record : recordsOfOneMessage) {
                        upsert(Objects.requireNonNull(record, "record"));
                    }
                    version++;
                }
            }
        } finally {
            lock.unlockWrite(stamp);
        }
        notifyListeners();
    }

    /**
     * Starts this new dataset with the records {@code previous} holds, for a variable whose saved
     * definition replaced its running instance: the newest that fit this limit (REFRESH: the first
     * ones, as a message longer than the limit would be cut), keyed anew under UPSERT. Subscribers
     * then get them as their first snapshot. Call it before the first {@link #accept}.
     *
     * @throws IllegalArgumentException when the strategies (or upsert keys) differ: the records would
     *                                  mean something else here
     * @throws IllegalStateException    when this dataset has had records already
     */
    public void seedFrom(BoundedDataset previous) {
        if (previous.strategy != strategy || !Objects.equals(previous.upsertKey, upsertKey)) {
            throw new IllegalArgumentException("Records can only be kept under the same strategy and key");
        }
        List<JsonNode> held = previous.insertionOrder();
        int count = Math.min(held.size(), limit);
        List<JsonNode> kept = strategy == InsertStrategy.REFRESH
                ? held.subList(0, count) : held.subList(held.size() - count, held.size());
        long stamp = lock.writeLock();
        try {
            if (version != 0) {
                throw new IllegalStateException("Only a new dataset can take over records");
            }
            for (JsonNode record : kept) {
                if (strategy == InsertStrategy.UPSERT) {
                    upsert(record);
                } else {
                    append(record);
                }
            }
            version = isAppendOnly() ? kept.size() : 1;
        } finally {
            lock.unlockWrite(stamp);
        }
        notifyListeners();
    }

    /** A copy of the records, oldest inserted first. */
    private List<JsonNode> insertionOrder() {
        long stamp = lock.readLock();
        try {
            JsonNode[] copy = new JsonNode[size];
            for (int i = 0; i < size; i++) {
                copy[i] = ring[slot(i)];
            }
            return Arrays.asList(copy);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private void append(JsonNode record) {
        if (size == limit) {
            dropOldest();
        } else if (size == ring.length) {
            grow();
        }
        ring[slot(size)] = record;
        size++;
    }

    private void dropOldest() {
        if (sequenceByKey != null) {
            String key = keyOf(ring[head]);
            if (key != null) {
                sequenceByKey.remove(key, headSequence);
            }
        }
        ring[head] = null;
        head = head + 1 == ring.length ? 0 : head + 1;
        headSequence++;
        size--;
    }

    private void grow() {
        JsonNode[] larger = new JsonNode[(int) Math.min(limit, 2L * ring.length)];
        int firstPart = Math.min(size, ring.length - head);
        System.arraycopy(ring, head, larger, 0, firstPart);
        System.arraycopy(ring, 0, larger, firstPart, size - firstPart);
        ring = larger;
        head = 0;
    }

    private void removeAll() {
        Arrays.fill(ring, null);
        head = 0;
        size = 0;
    }

    /** Replaces the record with the same key in place, or appends (records without the key always append). */
    private void upsert(JsonNode record) {
        String key = keyOf(record);
        Long existing = key == null ? null : sequenceByKey.get(key);
        if (existing != null) {
            ring[slot((int) (existing - headSequence))] = record;
            return;
        }
        append(record);
        if (key != null) {
            sequenceByKey.put(key, headSequence + size - 1);
        }
    }

    private String keyOf(JsonNode record) {
        JsonNode key = record.at(upsertKey);
        if (key.isMissingNode() || key.isNull()) {
            return null;
        }
        return key.isValueNode() ? key.asText() : key.toString();
    }

    /** The array slot of the record at {@code index} in insertion order. */
    private int slot(int index) {
        int slot = head + index;
        return slot >= ring.length ? slot - ring.length : slot;
    }

    private void notifyListeners() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                // A broken subscriber must not stop the feed or the other subscribers.
                log.warn("A dataset listener failed; the feed continues", e);
            }
        }
    }

    @Override
    public long version() {
        return version;
    }

    /** Records the feed delivered into this dataset since it was created, whatever the strategy kept of them. */
    public long recordsAccepted() {
        return recordsAccepted;
    }

    public int size() {
        long stamp = lock.readLock();
        try {
            return size;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** A copy of the records in display order (ADD_FIRST: newest first; otherwise oldest first). */
    public List<JsonNode> snapshot() {
        long stamp = lock.readLock();
        try {
            return newestInDisplayOrder(size);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public DatasetChange changesSince(long since) {
        long stamp = lock.readLock();
        try {
            long now = version;
            if (since == now) {
                return new DatasetChange(since, now, appendKind(), List.of(), 0);
            }
            if (since < 0 || since > now || !isAppendOnly()) {
                return new DatasetChange(since, now, DatasetChange.Kind.SNAPSHOT, newestInDisplayOrder(size), 0);
            }
            long subscriberSize = Math.min(since, limit);
            int added = (int) Math.min(now - since, size);
            int dropped = (int) (subscriberSize + added - size);
            return new DatasetChange(since, now, appendKind(), newestInDisplayOrder(added), dropped);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private boolean isAppendOnly() {
        return strategy == InsertStrategy.ADD_LAST || strategy == InsertStrategy.ADD_FIRST;
    }

    /** An empty change uses an append kind so that applying it blindly is a no-op. */
    private DatasetChange.Kind appendKind() {
        return strategy == InsertStrategy.ADD_FIRST ? DatasetChange.Kind.APPEND_FIRST : DatasetChange.Kind.APPEND_LAST;
    }

    /** The newest {@code count} records, in display order. Caller holds the lock. */
    private List<JsonNode> newestInDisplayOrder(int count) {
        JsonNode[] copy = new JsonNode[count];
        int first = size - count;
        if (strategy == InsertStrategy.ADD_FIRST) {
            for (int i = 0; i < count; i++) {
                copy[i] = ring[slot(size - 1 - i)];
            }
        } else {
            for (int i = 0; i < count; i++) {
                copy[i] = ring[slot(first + i)];
            }
        }
        return Collections.unmodifiableList(Arrays.asList(copy));
    }

    @Override
    public Subscription onChange(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        // A wrapper of its own, so that registering the same Runnable twice gives two registrations.
        Runnable registration = listener::run;
        listeners.add(registration);
        return () -> listeners.remove(registration);
    }

    /** How many change listeners are registered (so that owners and tests can check none leak). */
    public int listenerCount() {
        return listeners.size();
    }

    /** Slots currently allocated: grows with the records held, never beyond the limit. */
    int capacity() {
        long stamp = lock.readLock();
        try {
            return ring.length;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public String toString() {
        return "BoundedDataset[" + strategy + ", limit " + limit + ", version " + version + "]";
    }
}
