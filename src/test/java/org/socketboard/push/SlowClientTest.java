package org.socketboard.push;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socketboard.KaribuTest;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.runtime.BoundedDataset;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketboard.dashboard.chart.TickRecords.tick;
import static org.socketboard.push.Flushing.runUntilFlushed;

/**
 * A UI whose flush cannot reach it (here: its session stays locked by the test, as by a push write to a
 * client that does not read) is dropped after {@code drop-after}, instead of collecting changes for it.
 */
class SlowClientTest extends KaribuTest {

    @RegisterExtension
    final Flushing flushing = new Flushing();

    @Test
    void aUiWhoseFlushStaysPendingLongerThanTheBoundIsDroppedWithAllItsSubscriptions() {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 100, null);
        UI ui = UI.getCurrent();
        var flusher = flushing.flushers().forUi(ui);
        flusher.subscribe(dataset, new RecordingWidget());
        flusher.subscribe(dataset, new RecordingWidget());

        flushing.tick(); // the flush waits for the session, which this test holds
        for (int i = 0; i < 40; i++) { // each tick is an interval (250 ms) later
            dataset.accept(List.of(tick(i)));
            flushing.tick();
        }
        assertThat(flusher.isClosed()).as("behind for 10 s, within the bound").isFalse();
        assertThat(dataset.listenerCount()).isEqualTo(2);

        flushing.clock().advance(Flushing.DROP_AFTER);
        flushing.tick();

        assertThat(flusher.isClosed()).isTrue();
        assertThat(dataset.listenerCount()).as("subscriptions released at once").isZero();
        assertThat(flushing.flushers().activeFlushers()).isZero();
        assertThat(flushing.meters().get("socketboard.push.dropped").counter().count()).isEqualTo(1);

        MockVaadin.runUIQueue(); // the session is free again: the dropped UI is closed and removed
        assertThat(ui.isClosing()).isTrue();
        assertThat(ui.isAttached()).isFalse();
    }

    @Test
    void aUiThatCatchesUpWithinTheBoundIsKeptAndItsLagStartsAgain() throws Exception {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 100, null);
        var widget = new RecordingWidget();
        var flusher = flushing.flushers().forUi(UI.getCurrent());
        flusher.subscribe(dataset, widget);

        flushing.tick(); // hands over the snapshot
        flushing.tick(); // sees it pending: behind from now
        flushing.clock().advance(Flushing.DROP_AFTER.minusSeconds(1));
        flushing.tick();
        runUntilFlushed(flusher, 1); // the session answers: the pending flush runs
        flushing.tick(); // caught up: not behind any more
        dataset.accept(List.of(tick(1)));
        flushing.tick();
        flushing.tick(); // behind again, counted from now, not from the first lag
        flushing.clock().advance(Flushing.DROP_AFTER.minusSeconds(1));
        flushing.tick();

        assertThat(flusher.isClosed()).as("each lag was shorter than the bound").isFalse();
        runUntilFlushed(flusher, 2);
        assertThat(widget.rows).isEqualTo(dataset.snapshot());
        assertThat(flushing.meters().get("socketboard.push.flush").timer().count()).isEqualTo(2);
        assertThat(flushing.meters().get("socketboard.push.dropped").counter().count()).isZero();
    }
}
