package org.socketboard.dashboard.chart;

import com.fasterxml.jackson.databind.JsonNode;
import org.socketboard.dashboard.widget.ChartFeed;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.runtime.BoundedDataset;
import org.socketboard.live.DatasetChange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.socketboard.dashboard.chart.TickRecords.PRICE_AND_VOLUME;
import static org.socketboard.dashboard.chart.TickRecords.ticks;
import static org.socketboard.dashboard.chart.TickRecords.timeOf;

class ApexChartTest extends KaribuTest {

    private final PointMapper mapper = new PointMapper(PRICE_AND_VOLUME);
    private final BrowserChartModel browser = new BrowserChartModel();
    private ApexChart chart;
    private ChartFeed feed;
    private JsCallRecorder js;
    private long appliedVersion = -1;

    @BeforeEach
    void attachALineChart() {
        chart = new ApexChart(ChartOptions.of(ChartType.LINE, PRICE_AND_VOLUME).title("Ticker").toJson());
        feed = new ChartFeed(chart, mapper);
        js = JsCallRecorder.of(chart);
        UI.getCurrent().add(chart);
    }

    @AfterEach
    void stopRecording() {
        js.close();
    }

    @Test
    void afterTheFirstRenderTheChartReceivesOnlyTheNewPoints() {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 1000, null);
        dataset.accept(ticks(0, 1000));

        var firstRender = catchUpWith(dataset);
        assertThat(firstRender).extracting(JsCallRecorder.Call::function).containsExactly("setOptions", "replaceAll");
        assertThat(xColumn(firstRender.get(1))).hasSize(1000);

        long next = 1000;
        for (int burst : new int[] {1, 5, 20}) {
            dataset.accept(ticks(next, next + burst));
            var calls = catchUpWith(dataset);

            assertThat(calls).extracting(JsCallRecorder.Call::function).containsExactly("appendPoints");
            var append = calls.get(0);
            assertThat(xColumn(append)).containsExactlyElementsOf(epochMillis(next, next + burst));
            assertThat(columns(append)).hasSize(3).allSatisfy(column -> assertThat(column).hasSize(burst));
            assertThat(append.argument(1)).isEqualTo(burst);
            next += burst;
        }
        assertThat(chart.getElement().getAttribute(ApexChart.POINTS_ATTRIBUTE)).isEqualTo("1000");
        assertThat(browser.xs()).extracting(JsonNode::asLong).containsExactlyElementsOf(epochMillis(next - 1000, next));
    }

    @Test
    void dataPointsFollowsAppendsAndDropsAndNeverExceedsTheWindow() {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 50, null);
        var random = new Random(7);
        long next = 0;
        for (int round = 0; round < 40; round++) {
            int burst = 1 + random.nextInt(17);
            for (int message = 0; message < burst; message++) {
                dataset.accept(List.of(TickRecords.tick(next++)));
            }
            catchUpWith(dataset);

            assertThat(pointsAttribute()).isEqualTo(dataset.size()).isLessThanOrEqualTo(50);
            assertThat(browser.xs()).extracting(JsonNode::asLong)
                    .containsExactlyElementsOf(epochMillis(Math.max(0, next - 50), next));
        }
        assertThat(next).isGreaterThan(50);
    }

    @Test
    void newestFirstDatasetsGetTheirNewPointsPrependedAndTheOldestDroppedFromTheEnd() {
        var dataset = new BoundedDataset(InsertStrategy.ADD_FIRST, 10, null);
        dataset.accept(ticks(0, 8));
        catchUpWith(dataset);

        dataset.accept(ticks(8, 12));
        var calls = catchUpWith(dataset);

        assertThat(calls).extracting(JsCallRecorder.Call::function).containsExactly("prependPoints");
        assertThat(xColumn(calls.get(0))).containsExactlyElementsOf(newestFirst(epochMillis(8, 12)));
        assertThat(calls.get(0).argument(1)).isEqualTo(2);
        assertThat(pointsAttribute()).isEqualTo(10);
        assertThat(browser.xs()).extracting(JsonNode::asLong).containsExactlyElementsOf(newestFirst(epochMillis(2, 12)));
        assertThat(browser.ys(0)).extracting(JsonNode::asDouble)
                .containsExactlyElementsOf(dataset.snapshot().stream().map(r -> r.get("price").asDouble()).toList());
    }

    @Test
    void indexPositionsStayWithTheirRecordsWhileOthersAreAddedAndDropped() {
        var byIndex = new ChartSeriesSpec(XAxisKind.INDEX, null, List.of(new ChartSeriesSpec.Series("Price", "/price")));
        var indexFeed = new ChartFeed(chart, new PointMapper(byIndex));
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 5, null);
        chart.setOptions(ChartOptions.of(ChartType.BAR, byIndex).toJson());

        dataset.accept(ticks(0, 5));
        indexFeed.apply(dataset.changesSince(-1));
        dataset.accept(ticks(5, 7));
        indexFeed.apply(dataset.changesSince(5));
        MockVaadin.clientRoundtrip();
        browser.replay(js.drain());

        assertThat(browser.xs()).extracting(JsonNode::asLong).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(browser.ys(0)).extracting(JsonNode::asDouble).containsExactly(100.5, 100.75, 101.0, 101.25, 101.5);
    }

    @Test
    void thePointsOfAPieAreOneValuePerCategoryReplacedWithEachSnapshot() {
        var bySymbol = new ChartSeriesSpec(XAxisKind.CATEGORY, "/symbol", List.of(new ChartSeriesSpec.Series("Volume", "/volume")));
        MockVaadin.clientRoundtrip();
        browser.replay(js.drain());
        chart.setOptions(ChartOptions.of(ChartType.DONUT, bySymbol).unit("lots").toJson());
        var dataset = new BoundedDataset(InsertStrategy.REFRESH, 100, null);
        dataset.accept(ticks(0, 3));
        var pieFeed = new ChartFeed(chart, new PointMapper(bySymbol));
        pieFeed.apply(dataset.changesSince(-1));
        dataset.accept(ticks(10, 14));
        pieFeed.apply(dataset.changesSince(1));
        MockVaadin.clientRoundtrip();
        var calls = js.drain();
        browser.replay(calls);

        assertThat(calls).extracting(JsCallRecorder.Call::function).containsExactly("setOptions", "replaceAll", "replaceAll");
        assertThat(browser.xs()).extracting(JsonNode::asText).containsExactly("S0", "S1", "S2", "S3");
        assertThat(browser.ys(0)).extracting(JsonNode::asInt).containsExactly(3, 4, 5, 6);
        assertThat(pointsAttribute()).isEqualTo(4);
        assertThat(((ObjectNode) calls.get(0).argument(0)).at("/title/text").asText()).isEqualTo("lots");
    }

    @Test
    void theSameOptionsAreNotSentAgainButChangedOnesAre() {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 100, null);
        dataset.accept(ticks(0, 30));
        catchUpWith(dataset);

        chart.setOptions(ChartOptions.of(ChartType.LINE, PRICE_AND_VOLUME).title("Ticker").toJson());
        MockVaadin.clientRoundtrip();
        assertThat(js.drain()).isEmpty();

        chart.setOptions(ChartOptions.of(ChartType.AREA, PRICE_AND_VOLUME).title("Ticker, live").toJson());
        MockVaadin.clientRoundtrip();
        var renamed = js.drain();
        browser.replay(renamed);
        assertThat(renamed).extracting(JsCallRecorder.Call::function).containsExactly("setOptions");
        assertThat(pointsAttribute()).as("the same series keep their points").isEqualTo(30);
        assertThat(browser.xs()).hasSize(30);

        var priceOnly = new ChartSeriesSpec(XAxisKind.DATETIME, "/time", List.of(new ChartSeriesSpec.Series("Price", "/price")));
        chart.setOptions(ChartOptions.of(ChartType.LINE, priceOnly).toJson());
        MockVaadin.clientRoundtrip();
        browser.replay(js.drain());
        assertThat(pointsAttribute()).as("other series start empty").isZero();
        assertThat(browser.xs()).isEmpty();
    }

    @Test
    void aChartAttachedAgainGetsItsOptionsAgainAndCountsItsPointsFromZero() {
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 100, null);
        dataset.accept(ticks(0, 30));
        catchUpWith(dataset);

        UI.getCurrent().remove(chart);
        assertThat(pointsAttribute()).isZero();
        UI.getCurrent().add(chart);
        MockVaadin.clientRoundtrip();

        assertThat(js.drain()).extracting(JsCallRecorder.Call::function).containsExactly("setOptions");
    }

    @Test
    void aNegativeDropIsRefusedAndNothingIsSent() {
        var points = List.of(ChartPoint.at(1L, 2.0, 3.0));
        MockVaadin.clientRoundtrip();
        js.drain();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> chart.appendPoints(points, -1))
                .withMessageContaining("negative");
        MockVaadin.clientRoundtrip();
        assertThat(js.drain()).isEmpty();
        assertThat(pointsAttribute()).isZero();
    }

    /** Applies the dataset's changes since the last call as a widget would, and returns the JS calls sent. */
    private List<JsCallRecorder.Call> catchUpWith(BoundedDataset dataset) {
        DatasetChange change = dataset.changesSince(appliedVersion);
        feed.apply(change);
        appliedVersion = change.toVersion();
        MockVaadin.clientRoundtrip();
        var calls = js.drain();
        browser.replay(calls);
        return calls;
    }

    private int pointsAttribute() {
        return Integer.parseInt(chart.getElement().getAttribute(ApexChart.POINTS_ATTRIBUTE));
    }

    private static List<JsonNode> columns(JsCallRecorder.Call call) {
        List<JsonNode> columns = new ArrayList<>();
        ((ArrayNode) call.argument(0)).forEach(columns::add);
        return columns;
    }

    private static List<Long> xColumn(JsCallRecorder.Call call) {
        List<Long> xs = new ArrayList<>();
        columns(call).get(0).forEach(x -> xs.add(x.asLong()));
        return xs;
    }

    private static List<Long> newestFirst(List<Long> oldestFirst) {
        List<Long> reversed = new ArrayList<>(oldestFirst);
        Collections.reverse(reversed);
        return reversed;
    }

    private static List<Long> epochMillis(long from, long to) {
        List<Long> millis = new ArrayList<>();
        for (long n = from; n < to; n++) {
            millis.add(timeOf(n).toEpochMilli());
        }
        return millis;
    }
}
