package org.socketboard.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.socketboard.dashboard.widget.ChartFeed;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import com.vaadin.flow.internal.JacksonCodec;
import com.vaadin.flow.internal.JacksonUtils;
import elemental.json.JsonValue;
import org.socketboard.dashboard.chart.ApexChart;
import org.socketboard.dashboard.chart.ChartOptions;
import org.socketboard.dashboard.chart.ChartType;
import org.socketboard.dashboard.chart.JsCallRecorder;
import org.socketboard.dashboard.chart.PointMapper;
import org.socketboard.dashboard.chart.TickRecords;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.runtime.BoundedDataset;
import org.socketboard.live.DatasetChange;

import java.nio.charset.StandardCharsets;

/**
 * Bytes of JS-call payload per new point: incremental appends (what {@link ApexChart#apply} sends)
 * against resending the full series each update, with a window of 1,000 points (two series, ticker
 * records). Measures the JSON Flow itself writes for each invocation (parameters encoded with type
 * info, plus the expression), as intercepted from Karibu's mocked client round trips.
 * <p>
 * Run with {@code ./mvnw -B -Pbench test-compile} (together with the other benchmarks).
 */
public final class ChartPayloadBench {

    private static final int WINDOW = 1000;
    private static final int UPDATES = 400;
    private static final double TARGET_RATIO = 1.0 / 20;

    public static void main(String[] args) {
        MockVaadin.setup();
        try {
            System.out.printf("window %d points, 2 series, %d updates per run%n", WINDOW, UPDATES);
            System.out.printf("%-18s %16s %16s %10s%n", "points per update", "append B/point", "resend B/point", "ratio");
            boolean met = true;
            for (int pointsPerUpdate : new int[] {1, 4, 25}) {
                double incremental = bytesPerNewPoint(pointsPerUpdate, true);
                double full = bytesPerNewPoint(pointsPerUpdate, false);
                double ratio = incremental / full;
                met &= ratio <= TARGET_RATIO;
                System.out.printf("%-18d %16.1f %16.1f %10s%n", pointsPerUpdate, incremental, full,
                        String.format("1/%.0f", 1 / ratio));
            }
            System.out.println(met ? "target (append <= 1/20 of resend) met" : "target (append <= 1/20 of resend) MISSED");
        } finally {
            MockVaadin.tearDown();
        }
    }

    /**
     * The JS-call bytes one chart receives per new point once its window is full, sent either as
     * appends ({@link ChartFeed#apply}) or as the whole window again ({@link ApexChart#replaceAll}).
     */
    private static double bytesPerNewPoint(int pointsPerUpdate, boolean incremental) {
        PointMapper mapper = mapper();
        var chart = new ApexChart(ChartOptions.of(ChartType.LINE, TickRecords.PRICE_AND_VOLUME).title("Ticker").toJson());
        var dataset = new BoundedDataset(InsertStrategy.ADD_LAST, WINDOW, null);
        dataset.accept(TickRecords.ticks(0, WINDOW));
        try (var js = JsCallRecorder.of(chart)) {
            UI.getCurrent().add(chart);
            long version = dataset.version();
            var feed = new ChartFeed(chart, mapper);
            feed.apply(dataset.changesSince(-1));
            MockVaadin.clientRoundtrip();
            js.drain(); // the first render is the same for both ways

            long bytes = 0;
            long next = WINDOW;
            for (int i = 0; i < UPDATES; i++) {
                dataset.accept(TickRecords.ticks(next, next + pointsPerUpdate));
                next += pointsPerUpdate;
                DatasetChange change = dataset.changesSince(version);
                version = change.toVersion();
                if (incremental) {
                    feed.apply(change);
                } else {
                    chart.replaceAll(mapper.map(dataset.snapshot(), 0));
                }
                MockVaadin.clientRoundtrip();
                bytes += js.drain().stream().mapToLong(call -> wireBytes(call.invocation())).sum();
            }
            UI.getCurrent().remove(chart);
            return (double) bytes / ((long) UPDATES * pointsPerUpdate);
        }
    }

    private static PointMapper mapper() {
        return new PointMapper(TickRecords.PRICE_AND_VOLUME);
    }

    /**
     * What Flow writes for one invocation: its parameters encoded with type info, then the expression.
     * Like UidlWriter, elemental JSON parameters (vaadin-grid's connector still sends them) are turned
     * into Jackson nodes first.
     */
    static long wireBytes(PendingJavaScriptInvocation invocation) {
        ArrayNode encoded = JsonNodeFactory.instance.arrayNode();
        invocation.getInvocation().getParameters().forEach(parameter -> encoded.add(JacksonCodec.encodeWithTypeInfo(
                parameter instanceof JsonValue elemental ? JacksonUtils.mapElemental(elemental) : parameter)));
        encoded.add(invocation.getInvocation().getExpression());
        return encoded.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
