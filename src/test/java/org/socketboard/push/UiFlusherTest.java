package org.socketboard.push;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socketboard.KaribuTest;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.runtime.BoundedDataset;
import org.socketboard.live.DatasetChange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.socketboard.dashboard.chart.TickRecords.tick;
import static org.socketboard.dashboard.chart.TickRecords.ticks;
import static org.socketboard.push.Flushing.runUntilFlushed;

class UiFlusherTest extends KaribuTest {

    @RegisterExtension
    final Flushing flushing = new Flushing();

    @Test
    void aBurstOfAThousandChangesReachesTheWidgetAsOneChangeInOneUiAccess() throws Exception {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 5000, null);
        var widget = new RecordingWidget();
        var flusher = flushing.flushers().forUi(UI.getCurrent());
        flusher.subscribe(dataset, widget);

        flushing.tick(); // hands a flush to the UI, which waits for the session (held by this test)
        feedOneRecordPerMessage(dataset, 0, 1000);
        for (int i = 0; i < 10; i++) {
            flushing.tick(); // the pending flush is not queued again
        }
        runUntilFlushed(flusher, 1);

        assertThat(widget.changes).hasSize(1);
        assertThat(widget.changes.get(0).kind()).isEqualTo(DatasetChange.Kind.SNAPSHOT);
        assertThat(widget.rows).isEqualTo(dataset.snapshot()).hasSize(1000);

        feedOneRecordPerMessage(dataset, 1000, 2000);
        flushing.tick();
        runUntilFlushed(flusher, 2);
        flushing.tick(); // nothing changed since: no flush
        // Flushing hands over on this thread within tick(): a flush it caused is queued on the UI now, and runs here.
        MockVaadin.runUIQueue();

        assertThat(flusher.flushCount()).isEqualTo(2);
        assertThat(widget.changes).hasSize(2);
        var delta = widget.changes.get(1);
        assertThat(delta.kind()).isEqualTo(DatasetChange.Kind.APPEND_LAST);
        assertThat(delta.added()).hasSize(1000);
        assertThat(widget.rows).isEqualTo(dataset.snapshot());
    }

    @Test
    void aQuietFeedsFirstChangeIsFlushedAtOnce() throws Exception {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 100, null);
        var widget = new RecordingWidget();
        var flusher = flushing.flushers().forUi(UI.getCurrent());
        flusher.subscribe(dataset, widget);
        flushing.runDue();
        runUntilFlushed(flusher, 1); // the snapshot, at once as well
        flushing.advance(Flushing.INTERVAL); // quiet: no flush for a whole interval

        long changedAt = flushing.millis();
        dataset.accept(List.of(tick(1)));
        flushing.runDue(); // what is due now, the clock standing still
        MockVaadin.runUIQueue();

        assertThat(flushing.millis()).isEqualTo(changedAt);
        assertThat(flusher.flushCount()).isEqualTo(2);
        assertThat(widget.rows).isEqualTo(dataset.snapshot()).hasSize(1);
    }

    @Test
    void changesWhileAFlushIsRecentWaitTogetherUntilTheIntervalSinceItIsOver() throws Exception {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 100, null);
        var widget = new RecordingWidget();
        var flusher = flushing.flushers().forUi(UI.getCurrent());
        flusher.subscribe(dataset, widget);
        flushing.runDue();
        runUntilFlushed(flusher, 1);
        long firstFlushAt = flushing.millis();

        for (int n = 0; n < 3; n++) {
            flushing.advance(Duration.ofMillis(80));
            dataset.accept(List.of(tick(n)));
            MockVaadin.runUIQueue();
        }
        flushing.advance(Flushing.INTERVAL.minusMillis(flushing.millis() - firstFlushAt + 1));
        MockVaadin.runUIQueue();
        assertThat(flusher.flushCount()).as("1 ms before the interval is over").isEqualTo(1);

        flushing.advance(Duration.ofMillis(1));
        MockVaadin.runUIQueue();

        assertThat(flusher.flushCount()).isEqualTo(2);
        assertThat(widget.changes).hasSize(2);
        assertThat(widget.changes.get(1).kind()).isEqualTo(DatasetChange.Kind.APPEND_LAST);
        assertThat(widget.changes.get(1).added()).hasSize(3);
        assertThat(widget.rows).isEqualTo(dataset.snapshot());
    }

    @Test
    void atAThousandChangesASecondAUiIsFlushedOncePerIntervalAndEndsWithTheExactDataset() throws Exception {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 100, null);
        var widget = new RecordingWidget();
        var flusher = flushing.flushers().forUi(UI.getCurrent());
        flusher.subscribe(dataset, widget);
        List<Long> flushTimes = new ArrayList<>();
        for (int n = 0; n < 2000; n++) {
            long before = flusher.flushCount();
            dataset.accept(List.of(tick(n)));
            flushing.runDue();
            MockVaadin.runUIQueue();
            if (flusher.flushCount() > before) {
                flushTimes.add(flushing.millis());
            }
            flushing.advance(Duration.ofMillis(1));
        }
        flushing.advance(Flushing.INTERVAL);
        MockVaadin.runUIQueue();

        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < flushTimes.size(); i++) {
            gaps.add(flushTimes.get(i) - flushTimes.get(i - 1));
        }
        assertThat(gaps).as("ms between flushes").isNotEmpty().containsOnly(Flushing.INTERVAL.toMillis());
        assertThat(flushTimes).hasSize((int) (2000 / Flushing.INTERVAL.toMillis()));
        assertThat(widget.rows).isEqualTo(dataset.snapshot()).hasSize(100);
    }

    @Test
    void aDetachedUiUnsubscribesAllItsWidgetsAtOnce() {
        var prices = new BoundedDataset(InsertStrategy.ADD_LAST, 10, null);
        var scores = new BoundedDataset(InsertStrategy.REFRESH, 10, null);
        var flusher = flushing.flushers().forUi(UI.getCurrent());
        flusher.subscribe(prices, new RecordingWidget());
        flusher.subscribe(scores, new RecordingWidget());
        flusher.subscribe(prices, new RecordingWidget());
        assertThat(prices.listenerCount()).isEqualTo(2);

        MockVaadin.INSTANCE.closeCurrentUI(true);

        assertThat(prices.listenerCount()).isZero();
        assertThat(scores.listenerCount()).isZero();
        assertThat(flusher.subscriptionCount()).isZero();
        assertThat(flushing.flushers().activeFlushers()).isZero();
    }

    @Test
    void aUiWithoutASessionIsCleanedUpAtItsNextFlushInsteadOfFailingEveryTick() throws Exception {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 10, null);
        var orphan = new UI(); // never in a session: UI.access throws UIDetachedException
        var flusher = flushing.flushers().forUi(orphan);
        flusher.subscribe(dataset, new RecordingWidget());
        dataset.accept(List.of(tick(1)));

        flushing.tick();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(flusher::isClosed);

        assertThat(flusher.isClosed()).isTrue();
        assertThat(dataset.listenerCount()).isZero();
        assertThat(flushing.flushers().activeFlushers()).isZero();
    }

    @Test
    void aWidgetThatThrowsDoesNotStopTheOthersAndCatchesUpWithASnapshot() throws Exception {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 100, null);
        var healthy = new RecordingWidget();
        var broken = new RecordingWidget();
        var breakOnce = new AtomicBoolean(true);
        var flusher = flushing.flushers().forUi(UI.getCurrent());
        flusher.subscribe(dataset, change -> {
            broken.accept(change);
            if (breakOnce.getAndSet(false)) {
                throw new IllegalStateException("the widget broke");
            }
        });
        flusher.subscribe(dataset, healthy);
        dataset.accept(ticks(0, 5));

        flushing.tick();
        runUntilFlushed(flusher, 1);
        assertThat(healthy.rows).isEqualTo(dataset.snapshot());

        dataset.accept(ticks(5, 8));
        flushing.tick();
        runUntilFlushed(flusher, 2);

        assertThat(healthy.changes).extracting(DatasetChange::kind)
                .containsExactly(DatasetChange.Kind.SNAPSHOT, DatasetChange.Kind.APPEND_LAST);
        assertThat(broken.changes).extracting(DatasetChange::kind)
                .containsExactly(DatasetChange.Kind.SNAPSHOT, DatasetChange.Kind.SNAPSHOT);
        assertThat(broken.rows).isEqualTo(healthy.rows).isEqualTo(dataset.snapshot());
    }

    @Test
    void aClosedSubscriptionStopsListeningAndGetsNoMoreChanges() throws Exception {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 100, null);
        var widget = new RecordingWidget();
        var flusher = flushing.flushers().forUi(UI.getCurrent());
        var subscription = flusher.subscribe(dataset, widget);
        dataset.accept(ticks(0, 3));
        flushing.tick();
        runUntilFlushed(flusher, 1);

        subscription.close();
        subscription.close();
        dataset.accept(ticks(3, 6));
        flushing.tick();
        // Flushing hands over on this thread within tick(): a flush it caused is queued on the UI now, and runs here.
        MockVaadin.runUIQueue();

        assertThat(dataset.listenerCount()).isZero();
        assertThat(flusher.subscriptionCount()).isZero();
        assertThat(flusher.flushCount()).isEqualTo(1);
        assertThat(widget.rows).hasSize(3);
    }

    @Test
    void theSharedSchedulerPushesAtMostOncePerIntervalHoweverFastTheFeeds() throws Exception {
        UiFlushers shared = context.getBean(UiFlushers.class);
        Duration interval = context.getBean(PushProperties.class).interval();
        var prices = new BoundedDataset(InsertStrategy.ADD_LAST, 500, null);
        var quotes = new BoundedDataset(InsertStrategy.ADD_FIRST, 500, null);
        var priceChart = new RecordingWidget();
        var quoteList = new RecordingWidget();
        var flusher = shared.forUi(UI.getCurrent());
        long start = System.nanoTime();
        flusher.subscribe(prices, priceChart);
        flusher.subscribe(quotes, quoteList);

        var feed = new Thread(() -> {
            long n = 0;
            while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1200)) {
                prices.accept(List.of(tick(n)));
                quotes.accept(List.of(tick(n++)));
            }
        });
        feed.start();
        while (feed.isAlive()) {
            MockVaadin.runUIQueue(); // the session's requests, as often as a browser could send them
            Thread.sleep(2); // a browser's pace while the feed runs: part of the scenario
        }
        // In the test's own thread: Karibu's UI and session belong to it.
        await().atMost(Duration.ofSeconds(20)).pollInSameThread().pollInterval(Duration.ofMillis(5)).until(() -> {
            MockVaadin.runUIQueue();
            return priceChart.rows.equals(prices.snapshot()) && quoteList.rows.equals(quotes.snapshot());
        });
        long elapsed = System.nanoTime() - start;

        assertThat(priceChart.rows).isEqualTo(prices.snapshot());
        assertThat(quoteList.rows).isEqualTo(quotes.snapshot());
        assertThat(prices.version()).as("changes fed").isGreaterThan(1000);
        assertThat(flusher.flushCount()).as("one flush per tick at most, for both widgets")
                .isBetween(2L, elapsed / interval.toNanos() + 1);
        MockVaadin.INSTANCE.closeCurrentUI(true);
    }

    @Test
    void aWatchedReadingIsShownAtOnceAndThenOnlyWhenItChangesAndNotAfterItsWatchIsClosed() throws Exception {
        var reading = new AtomicReference<>("connecting…");
        List<String> shown = new CopyOnWriteArrayList<>();
        var flusher = flushing.flushers().forUi(UI.getCurrent());

        var watch = flusher.watch(reading::get, shown::add);
        flushing.tick(); // unchanged: no flush
        reading.set("open");
        flushing.tick();
        runUntilFlushed(flusher, 1);
        flushing.tick(); // unchanged again

        assertThat(shown).containsExactly("connecting…", "open");
        assertThat(flusher.flushCount()).isEqualTo(1);
        assertThat(flusher.watchCount()).isEqualTo(1);

        watch.close();
        reading.set("closed: No viewers");
        flushing.tick();

        assertThat(flusher.watchCount()).isZero();
        assertThat(flusher.flushCount()).isEqualTo(1);
        assertThat(shown).containsExactly("connecting…", "open");
    }

    private static void feedOneRecordPerMessage(BoundedDataset dataset, long from, long to) throws InterruptedException {
        var feed = new Thread(() -> {
            for (long n = from; n < to; n++) {
                dataset.accept(List.of(tick(n)));
            }
        }, "test-feed");
        feed.start();
        feed.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(feed.isAlive()).as("the feed never waits for the UI").isFalse();
    }
}
