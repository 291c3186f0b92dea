package org.socketboard.dashboard.chart;

import com.fasterxml.jackson.databind.JsonNode;
import org.socketboard.dashboard.widget.ChartFeed;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.socketboard.KaribuTest;
import org.socketboard.base.Timestamps;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.runtime.BoundedDataset;
import org.socketboard.live.DatasetChange;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketboard.dashboard.chart.TickRecords.PRICE_AND_VOLUME;
import static org.socketboard.dashboard.chart.TickRecords.tick;

/** Records without a chartable time have no point, and dropping them drops no one else's point. */
class ChartWithoutTimeTest extends KaribuTest {

    private static final String[] NO_TIMES = {"soon", "", "1e308", "10000-01-01T00:00:00Z", "-5", "NaN"};

    @ParameterizedTest
    @EnumSource(value = InsertStrategy.class, names = {"ADD_LAST", "ADD_FIRST"})
    void theBrowsersPointsAreAlwaysThoseOfTheRecordsWithATime(InsertStrategy strategy) {
        var chart = new ApexChart(ChartOptions.of(ChartType.LINE, PRICE_AND_VOLUME).toJson());
        var feed = new ChartFeed(chart, new PointMapper(PRICE_AND_VOLUME));
        var browser = new BrowserChartModel();
        var dataset = new BoundedDataset(strategy, 10, null);
        var random = new Random(12);
        long version = -1;
        try (var js = JsCallRecorder.of(chart)) {
            UI.getCurrent().add(chart);
            long n = 0;
            for (int message = 0; message < 60; message++) {
                List<JsonNode> records = new ArrayList<>();
                for (int i = random.nextInt(4); i >= 0; i--, n++) {
                    ObjectNode record = (ObjectNode) tick(n);
                    if (random.nextInt(3) == 0) {
                        record.put("time", NO_TIMES[random.nextInt(NO_TIMES.length)]);
                    }
                    records.add(record);
                }
                dataset.accept(records);
                DatasetChange change = dataset.changesSince(version);
                feed.apply(change);
                version = change.toVersion();
                MockVaadin.clientRoundtrip();
                browser.replay(js.drain());

                List<Long> expected = new ArrayList<>();
                int withoutTime = 0;
                for (JsonNode record : dataset.snapshot()) {
                    var time = Timestamps.read(record.get("time"));
                    if (time == null || time.toEpochMilli() < 0) {
                        withoutTime++;
                    } else {
                        expected.add(time.toEpochMilli());
                    }
                }
                assertThat(browser.xs()).extracting(JsonNode::asLong).as("after message %d", message)
                        .containsExactlyElementsOf(expected);
                assertThat(chart.getElement().getAttribute(ApexChart.POINTS_ATTRIBUTE)).isEqualTo(Integer.toString(expected.size()));
                assertThat(feed.recordsWithoutTime()).isEqualTo(withoutTime);
            }
        }
    }
}
