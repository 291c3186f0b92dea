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

/** {@code socketboard.push.immediate-first-flush=false}: the behaviour before issue 15, the benchmark's baseline. */
class TickOnlyFlushingTest extends KaribuTest {

    @RegisterExtension
    final Flushing flushing = new Flushing(false);

    @Test
    void withoutTheImmediateFirstFlushEvenAQuietFeedsChangeWaitsForTheNextTick() throws Exception {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 100, null);
        var widget = new RecordingWidget();
        var flusher = flushing.flushers().forUi(UI.getCurrent());
        flusher.subscribe(dataset, widget);
        flushing.tick();
        Flushing.runUntilFlushed(flusher, 1);
        flushing.advance(Duration.ofSeconds(10));

        dataset.accept(List.of(tick(1)));
        flushing.runDue();
        MockVaadin.runUIQueue();
        assertThat(flusher.flushCount()).isEqualTo(1);

        flushing.tick();
        MockVaadin.runUIQueue();
        assertThat(flusher.flushCount()).isEqualTo(2);
        assertThat(widget.rows).isEqualTo(dataset.snapshot()).hasSize(1);
    }
}
