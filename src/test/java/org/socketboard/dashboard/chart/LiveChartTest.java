package org.socketboard.dashboard.chart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.socketboard.dashboard.widget.ChartFeed;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socketboard.KaribuTest;
import org.socketboard.push.Flushing;
import org.socketboard.push.UiFlusher;
import org.socketboard.push.UiFlushers;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.runtime.BoundedDataset;
import org.socketboard.live.LiveDataset;
import org.socketboard.live.Subscription;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketboard.dashboard.chart.TickRecords.PRICE_AND_VOLUME;
import static org.socketboard.dashboard.chart.TickRecords.tick;
import static org.socketboard.dashboard.chart.TickRecords.ticks;

/** The whole way from a dataset through the UI flusher to the JS calls of the chart. */
class LiveChartTest extends KaribuTest {

    /** A chart widget as dashboards hold one: subscribes on attach, unsubscribes on detach. */
    static final class LiveChart extends Div {
        final ApexChart chart = new ApexChart(ChartOptions.of(ChartType.LINE, PRICE_AND_VOLUME).toJson());
        private final UiFlushers flushers;
        private final LiveDataset dataset;
        private final ChartFeed feed = new ChartFeed(chart, new PointMapper(PRICE_AND_VOLUME));
        private Subscription subscription;

        LiveChart(UiFlushers flushers, LiveDataset dataset) {
            this.flushers = flushers;
            this.dataset = dataset;
            add(chart);
        }

        @Override
        protected void onAttach(AttachEvent attachEvent) {
            subscription = flushers.forUi(attachEvent.getUI()).subscribe(dataset, feed::apply);
        }

        @Override
        protected void onDetach(DetachEvent detachEvent) {
            subscription.close();
        }
    }

    @RegisterExtension
    final Flushing flushing = new Flushing();

    @Test
    void afterTheFirstRenderEachFlushSendsTheChartOnlyTheNewPoints() throws Exception {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 1000, null);
        dataset.accept(ticks(0, 1000));
        var widget = new LiveChart(flushing.flushers(), dataset);
        try (var js = JsCallRecorder.of(widget.chart)) {
            UI.getCurrent().add(widget);
            UiFlusher flusher = flushing.flushers().forUi(UI.getCurrent());
            flushing.tick();
            Flushing.runUntilFlushed(flusher, 1);
            assertThat(js.drain()).extracting(JsCallRecorder.Call::function).containsExactly("setOptions", "replaceAll");

            for (long n = 1000; n < 1200; n++) {
                dataset.accept(List.of(tick(n)));
            }
            flushing.tick();
            Flushing.runUntilFlushed(flusher, 2);

            var calls = js.drain();
            assertThat(calls).extracting(JsCallRecorder.Call::function).containsExactly("appendPoints");
            var xs = ((ArrayNode) calls.get(0).argument(0)).get(0);
            assertThat(xs).hasSize(200);
            assertThat(xs.get(0).asLong()).isEqualTo(TickRecords.timeOf(1000).toEpochMilli());
            assertThat(calls.get(0).argument(1)).isEqualTo(200);
            assertThat(widget.chart.getElement().getAttribute(ApexChart.POINTS_ATTRIBUTE)).isEqualTo("1000");
        }

        UI.getCurrent().remove(widget);
        assertThat(dataset.listenerCount()).isZero();
    }
}
