package org.socketboard.variable.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.socketboard.live.DatasetChange;
import org.socketboard.live.Subscription;
import org.socketboard.variable.domain.InsertStrategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedDatasetTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static ObjectNode n(int n) {
        return JSON.objectNode().put("n", n);
    }

    private static List<JsonNode> ns(int from, int toInclusive) {
        return IntStream.rangeClosed(from, toInclusive).<JsonNode>mapToObj(BoundedDatasetTest::n).toList();
    }

    private static ObjectNode tick(String symbol, double price) {
        return JSON.objectNode().put("symbol", symbol).put("price", price);
    }

    private static List<Integer> numbers(List<JsonNode> records) {
        return records.stream().map(r -> r.get("n").asInt()).toList();
    }

    @Test
    void addLastKeepsTheNewestRecordsInArrivalOrderAndDropsTheOldestFromTheStart() {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 5, null);
        dataset.accept(ns(1, 3));
        assertThat(numbers(dataset.snapshot())).containsExactly(1, 2, 3);

        dataset.accept(ns(4, 7));

        assertThat(numbers(dataset.snapshot())).containsExactly(3, 4, 5, 6, 7);
        assertThat(dataset.size()).isEqualTo(5);
        assertThat(dataset.version()).as("records ever inserted").isEqualTo(7);
    }

    @Test
    void addFirstShowsTheNewestRecordFirstAndDropsTheOldestFromTheEnd() {
        var dataset = new BoundedDataset(InsertStrategy.ADD_FIRST, 4, null);
        dataset.accept(ns(1, 3));
        assertThat(numbers(dataset.snapshot())).containsExactly(3, 2, 1);

        dataset.accept(ns(4, 5));

        assertThat(numbers(dataset.snapshot())).containsExactly(5, 4, 3, 2);
        assertThat(dataset.version()).isEqualTo(5);
    }

    @Test
    void refreshReplacesTheDatasetWithTheFirstRecordsOfTheNewestMessage() {
        var dataset = new BoundedDataset(InsertStrategy.REFRESH, 3, null);
        dataset.accept(ns(1, 2));
        dataset.accept(ns(10, 15));
        assertThat(numbers(dataset.snapshot())).containsExactly(10, 11, 12);

        dataset.accept(List.of());

        assertThat(dataset.snapshot()).as("an empty message is an empty snapshot").isEmpty();
        assertThat(dataset.version()).as("changes counted").isEqualTo(3);
    }

    @Test
    void upsertReplacesTheRecordWithTheSameKeyInPlaceAndAppendsNewKeys() {
        var dataset = new BoundedDataset(InsertStrategy.UPSERT, 10, "/symbol");
        dataset.accept(List.of(tick("ACME", 1), tick("GLOBEX", 2)));
        dataset.accept(List.of(tick("INITECH", 3), tick("ACME", 4), tick("ACME", 5)));

        assertThat(dataset.snapshot()).containsExactly(tick("ACME", 5), tick("GLOBEX", 2), tick("INITECH", 3));
        assertThat(dataset.version()).as("changes counted").isEqualTo(2);
    }

    @Test
    void upsertDropsTheOldestKeyWhenFullAndAppendsThatKeyAgainWhenItReturns() {
        var dataset = new BoundedDataset(InsertStrategy.UPSERT, 2, "/symbol");
        dataset.accept(List.of(tick("A", 1), tick("B", 1), tick("C", 1)));
        assertThat(dataset.snapshot()).containsExactly(tick("B", 1), tick("C", 1));

        dataset.accept(List.of(tick("A", 2), tick("C", 2)));

        assertThat(dataset.snapshot()).containsExactly(tick("C", 2), tick("A", 2));
    }

    @Test
    void upsertMatchesKeysByValueAndAppendsRecordsThatHaveNoKey() {
        var dataset = new BoundedDataset(InsertStrategy.UPSERT, 10, "/id");
        dataset.accept(List.of(JSON.objectNode().put("id", 7).put("v", "a"), JSON.objectNode().put("v", "no key")));
        dataset.accept(List.of(JSON.objectNode().put("id", 7).put("v", "b"), JSON.objectNode().put("v", "no key")));

        assertThat(dataset.snapshot()).extracting(r -> r.get("v").asText()).containsExactly("b", "no key", "no key");
    }

    @Test
    void anUpsertDatasetWithoutAKeyPathOrALimitBelowOneIsRefusedWithTheReason() {
        assertThatThrownBy(() -> new BoundedDataset(InsertStrategy.UPSERT, 10, ""))
                .hasMessageContaining("key path");
        assertThatThrownBy(() -> new BoundedDataset(InsertStrategy.UPSERT, 10, "symbol"))
                .hasMessageContaining("JSON Pointer");
        assertThatThrownBy(() -> new BoundedDataset(InsertStrategy.ADD_LAST, 0, null))
                .hasMessageContaining("at least 1");
    }

    @Test
    void anEmptyMessageChangesNothingForTheAddStrategies() {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 5, null);
        var calls = new AtomicInteger();
        dataset.onChange(calls::incrementAndGet);
        dataset.accept(ns(1, 2));

        dataset.accept(List.of());

        assertThat(dataset.version()).isEqualTo(2);
        assertThat(calls).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(InsertStrategy.class)
    void aSubscriberThatAppliesTheChangesRepeatedlyEndsUpEqualToTheSnapshot(InsertStrategy strategy) {
        var dataset = new BoundedDataset(strategy, 50, "/n");
        var replica = new DatasetReplica();
        var random = new Random(42);
        int next = 0;
        for (int round = 0; round < 400; round++) {
            int messages = random.nextInt(10) == 0 ? 30 : random.nextInt(3);
            for (int m = 0; m < messages; m++) {
                int records = random.nextInt(8);
                if (strategy == InsertStrategy.UPSERT) {
                    // 70 keys for 50 places: both replacing and dropping happen.
                    dataset.accept(IntStream.range(0, records).<JsonNode>mapToObj(i -> n(random.nextInt(70))).toList());
                } else {
                    dataset.accept(ns(next, next + records - 1));
                    next += records;
                }
            }
            replica.catchUp(dataset);
            assertThat(replica.rows()).as("round %d", round).isEqualTo(dataset.snapshot());
            assertThat(replica.version()).isEqualTo(dataset.version());
        }
        assertThat(dataset.size()).isLessThanOrEqualTo(50);
    }

    @Test
    void aSubscriberFarBehindGetsTheWholeDatasetAsAddedAndDropsAllItHad() {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 10, null);
        dataset.accept(ns(1, 4));
        long seen = dataset.version();

        dataset.accept(ns(5, 1000));

        DatasetChange change = dataset.changesSince(seen);
        assertThat(change.kind()).isEqualTo(DatasetChange.Kind.APPEND_LAST);
        assertThat(change.dropped()).isEqualTo(4);
        assertThat(numbers(change.added())).containsExactlyElementsOf(IntStream.rangeClosed(991, 1000).boxed().toList());
    }

    @Test
    void addFirstChangesListTheNewRecordsNewestFirstAndDropFromTheEnd() {
        var dataset = new BoundedDataset(InsertStrategy.ADD_FIRST, 4, null);
        dataset.accept(ns(1, 3));
        long seen = dataset.version();

        dataset.accept(ns(4, 5));

        DatasetChange change = dataset.changesSince(seen);
        assertThat(change.kind()).isEqualTo(DatasetChange.Kind.APPEND_FIRST);
        assertThat(numbers(change.added())).containsExactly(5, 4);
        assertThat(change.dropped()).isEqualTo(1);
    }

    @Test
    void anUnknownVersionGetsASnapshotAndTheCurrentVersionAnEmptyChange() {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 10, null);
        dataset.accept(ns(1, 3));

        assertThat(dataset.changesSince(-1).kind()).isEqualTo(DatasetChange.Kind.SNAPSHOT);
        assertThat(numbers(dataset.changesSince(99).added())).containsExactly(1, 2, 3);
        DatasetChange none = dataset.changesSince(3);
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.added()).isEmpty();
        assertThat(none.dropped()).isZero();
    }

    @Test
    void storageGrowsWithTheRecordsHeldAndNeverBeyondTheLimit() {
        var large = new BoundedDataset(InsertStrategy.ADD_LAST, 100_000, null);
        large.accept(ns(1, 20));
        assertThat(large.capacity()).isBetween(20, 32);

        var small = new BoundedDataset(InsertStrategy.ADD_LAST, 100, null);
        for (int i = 0; i < 30; i++) {
            small.accept(ns(i * 10, i * 10 + 9));
        }
        assertThat(small.capacity()).isEqualTo(100);
        assertThat(numbers(small.snapshot())).containsExactlyElementsOf(IntStream.range(200, 300).boxed().toList());
    }

    @Test
    void aFailingListenerNeitherStopsTheWriterNorTheOtherListeners() {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 10, null);
        var calls = new AtomicInteger();
        dataset.onChange(() -> {
            throw new IllegalStateException("broken subscriber");
        });
        dataset.onChange(calls::incrementAndGet);

        dataset.accept(ns(1, 1));
        dataset.accept(ns(2, 2));

        assertThat(calls).hasValue(2);
        assertThat(dataset.size()).isEqualTo(2);
    }

    @Test
    void closingASubscriptionRemovesOnlyThatListenerAndClosingTwiceIsHarmless() {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 10, null);
        var calls = new AtomicInteger();
        Runnable listener = calls::incrementAndGet;
        Subscription first = dataset.onChange(listener);
        dataset.onChange(listener);

        first.close();
        first.close();
        dataset.accept(ns(1, 1));

        assertThat(calls).hasValue(1);
        assertThat(dataset.listenerCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = InsertStrategy.class, names = {"ADD_LAST", "ADD_FIRST"})
    void readersOnOtherThreadsAlwaysSeeAConsistentDatasetWhileOneWriterInserts(InsertStrategy strategy) throws Exception {
        int limit = 500;
        var dataset = new BoundedDataset(strategy, limit, null);
        var writerDone = new AtomicBoolean();
        var violations = new CopyOnWriteArrayList<String>();
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(pool.submit(() -> readUntilDone(dataset, limit, writerDone, violations, start)));
            }
            Future<?> writer = pool.submit(() -> {
                start.countDown();
                var random = new Random(7);
                int next = 0;
                while (next < 50_000) {
                    int records = 1 + random.nextInt(5);
                    dataset.accept(ns(next, next + records - 1));
                    next += records;
                }
                writerDone.set(true);
            });
            writer.get(30, TimeUnit.SECONDS);
            for (Future<?> reader : readers) {
                reader.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(violations).isEmpty();
    }

    /** A reader's invariants: at most {@code limit} records, consecutive, ending at the version. */
    private static void readUntilDone(BoundedDataset dataset, int limit, AtomicBoolean writerDone,
                                      List<String> violations, CountDownLatch start) {
        var replica = new DatasetReplica();
        boolean newestFirst = dataset.strategy() == InsertStrategy.ADD_FIRST;
        try {
            start.await();
            boolean lastRound = false;
            while (!lastRound) {
                lastRound = writerDone.get();
                replica.catchUp(dataset);
                List<Integer> seen = new ArrayList<>(numbers(replica.rows()));
                if (newestFirst) {
                    Collections.reverse(seen);
                }
                long version = replica.version();
                int expectedSize = (int) Math.min(version, limit);
                if (seen.size() != expectedSize) {
                    violations.add("size " + seen.size() + " at version " + version);
                }
                for (int i = 0; i < seen.size(); i++) {
                    if (seen.get(i) != version - seen.size() + i) {
                        violations.add("record " + seen.get(i) + " at position " + i + " of version " + version);
                        break;
                    }
                }
            }
            if (!replica.rows().equals(dataset.snapshot())) {
                violations.add("final replica differs from the snapshot");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- taking over the records of a replaced instance ----------------------------------------------

    @Test
    void aReplacementAddingLastTakesTheNewestRecordsThatFitItsLimitAndDeltasGoOnFromThere() {
        var previous = new BoundedDataset(InsertStrategy.ADD_LAST, 10, null);
        previous.accept(ns(1, 12));
        var next = new BoundedDataset(InsertStrategy.ADD_LAST, 4, null);

        next.seedFrom(previous);
        next.accept(ns(13, 14));

        assertThat(numbers(next.snapshot())).containsExactly(11, 12, 13, 14);
        DatasetChange sinceSeed = next.changesSince(4);
        assertThat(sinceSeed.kind()).isEqualTo(DatasetChange.Kind.APPEND_LAST);
        assertThat(numbers(sinceSeed.added())).containsExactly(13, 14);
        assertThat(sinceSeed.dropped()).isEqualTo(2);
    }

    @Test
    void aReplacementAddingFirstKeepsTheNewestOnTop() {
        var previous = new BoundedDataset(InsertStrategy.ADD_FIRST, 10, null);
        previous.accept(ns(1, 6));
        var next = new BoundedDataset(InsertStrategy.ADD_FIRST, 3, null);

        next.seedFrom(previous);

        assertThat(numbers(next.snapshot())).containsExactly(6, 5, 4);
    }

    @Test
    void aRefreshReplacementKeepsTheFirstRecordsOfTheLastMessageAsALongerMessageWouldBeCut() {
        var previous = new BoundedDataset(InsertStrategy.REFRESH, 10, null);
        previous.accept(ns(1, 5));
        var next = new BoundedDataset(InsertStrategy.REFRESH, 2, null);

        next.seedFrom(previous);

        assertThat(numbers(next.snapshot())).containsExactly(1, 2);
        assertThat(next.changesSince(-1).kind()).isEqualTo(DatasetChange.Kind.SNAPSHOT);
    }

    @Test
    void anUpsertReplacementKnowsTheKeysOfTheRecordsItTookOver() {
        var previous = new BoundedDataset(InsertStrategy.UPSERT, 10, "/symbol");
        previous.accept(List.of(tick("ACME", 1), tick("GLOBEX", 2)));
        var next = new BoundedDataset(InsertStrategy.UPSERT, 10, "/symbol");

        next.seedFrom(previous);
        next.accept(List.of(tick("ACME", 3)));

        assertThat(next.snapshot()).containsExactly(tick("ACME", 3), tick("GLOBEX", 2));
    }

    @Test
    void recordsAreNotTakenOverUnderAnotherStrategyOrIntoADatasetThatHasRecords() {
        var previous = new BoundedDataset(InsertStrategy.ADD_LAST, 10, null);
        previous.accept(ns(1, 3));
        var refresh = new BoundedDataset(InsertStrategy.REFRESH, 10, null);
        var used = new BoundedDataset(InsertStrategy.ADD_LAST, 10, null);
        used.accept(ns(7, 7));

        assertThatThrownBy(() -> refresh.seedFrom(previous)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> used.seedFrom(previous)).isInstanceOf(IllegalStateException.class);
        assertThat(numbers(used.snapshot())).containsExactly(7);
    }
}
