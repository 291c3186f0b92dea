package org.socketboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.TestingLifecycleHookKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import com.vaadin.flow.server.communication.UidlWriter;
import kotlin.Unit;
import kotlin.jvm.functions.Function1;
import org.socketboard.Application;
import org.socketboard.dashboard.chart.BrowserChartModel;
import org.socketboard.dashboard.chart.JsCallRecorder;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.dashboard.widget.ChartWidget;
import org.socketboard.dashboard.widget.GridWidget;
import org.socketboard.dashboard.widget.WidgetFactory;
import org.socketboard.push.PushProperties;
import org.socketboard.push.UiFlusher;
import org.socketboard.push.UiFlushers;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.runtime.LiveVariable;
import org.socketboard.variable.runtime.LiveVariableSpec;
import org.socketboard.variable.runtime.VariableState;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import org.socketboard.upstream.UpstreamClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.function.BooleanSupplier;

/**
 * Server push under a fast feed, end to end: the app's own ticker feed at 1,000 messages/s over
 * loopback, a {@link LiveVariable} (Add as last record, limit {@value #LIMIT}) connected to it, and
 * one chart and one grid widget in one mocked UI, pushed through the real {@link UiFlusher} on the
 * real scheduler ({@code socketboard.push.interval}, 250 ms). A "browser" loop answers every few
 * milliseconds, as a push connection would: it runs the queued {@code UI.access} tasks and takes the
 * response (the JS calls Flow would send, plus the state-tree changes as {@link UidlWriter} writes
 * them). Prints the messages received per second, the flushes per second for the UI (target at most
 * 4), bytes and JS calls per flush; then stops the feed, lets the last flush run, and compares what
 * the browser holds (the chart's window replayed from its JS calls; the records of the grid's shown
 * rows, its newest 50) with the server's last records.
 * <p>
 * Run with {@code ./mvnw -B -Pbench test-compile} (together with the other benchmarks).
 */
public final class PushRateBench {

    private static final int RATE = 1000;
    private static final int LIMIT = 100;
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final Duration RUN = Duration.ofSeconds(10);
    /** How often the mocked browser takes what the server pushed. */
    private static final long ROUND_TRIP_MILLIS = 5;
    private static final double TARGET_FLUSHES_PER_SECOND = 4;

    private PushRateBench() {
    }

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(Application.class)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                // Command-line arguments outrank application.properties (server.port=8080 there).
                .run(withDefaults(args));
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        MockVaadin.setup();
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            run(app, port, timers);
        } finally {
            MockVaadin.tearDown();
            timers.shutdownNow();
            app.close();
        }
    }

    /**
     * A random port, no demo seeding, and production mode: nothing here serves a page, and dev mode
     * would build the frontend bundle in the background (npm install, Vite) while the figures are taken.
     */
    private static String[] withDefaults(String[] args) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--socketboard.demo.enabled=false",
                "--vaadin.productionMode=true"));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static void run(ConfigurableApplicationContext app, int port, ScheduledExecutorService timers) throws Exception {
        URI feed = URI.create("ws://localhost:" + port + "/feeds/ticker?symbols=ACME&rate=" + RATE);
        var ticks = new LiveVariable(new LiveVariableSpec("ticks", feed, null, null, "", InsertStrategy.ADD_LAST,
                LIMIT, null, "", null, null), UpstreamClient.withDefaults(), uri -> () -> { }, Clock.systemUTC(), timers);
        WidgetFactory widgets = app.getBean(WidgetFactory.class);
        var chart = (ChartWidget) widgets.create(chartOfPriceAndVolume(), ticks, null);
        var grid = (GridWidget) widgets.create(gridOfTicks(), ticks, null);
        UiFlusher flusher = app.getBean(UiFlushers.class).forUi(UI.getCurrent());
        Duration interval = app.getBean(PushProperties.class).interval();

        System.out.printf(Locale.ROOT, "Feed %s over loopback, Add as last record, limit %d%n", feed, LIMIT);
        System.out.printf(Locale.ROOT, "One UI with a chart (2 series) and a grid (4 columns), push interval %d ms%n",
                interval.toMillis());
        System.out.printf(Locale.ROOT, "JVM: %s %s, heap max %d MB, %d cpus%n%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

        try (var browser = new Browser(chart.chart(), grid.table(), flusher)) {
            UI.getCurrent().add(chart, grid);
            ticks.open();
            browser.roundTripsFor(Duration.ofSeconds(10), () -> ticks.state() == VariableState.OPEN);
            if (ticks.state() != VariableState.OPEN) {
                throw new IllegalStateException("The ticker did not open: " + ticks.events());
            }
            browser.roundTripsFor(WARM_UP, () -> false);

            Sample start = Sample.of(ticks, flusher, browser);
            browser.roundTripsFor(RUN, () -> false);
            Sample end = Sample.of(ticks, flusher, browser);
            report(start, end, browser.flushTimesBetween(start.nanos, end.nanos), interval);

            ticks.close().get(10, TimeUnit.SECONDS);
            // The last change is flushed at the next tick; two more intervals leave room for a late one.
            browser.roundTripsFor(interval.multipliedBy(3), () -> false);
            compare(ticks.dataset().snapshot(), browser.chartModel, grid);
        }
    }

    private static Widget chartOfPriceAndVolume() {
        return new Widget(WidgetType.CHART, "ACME", "ticks", 2, 1, WidgetConfig.chart(new WidgetConfig.Chart(
                WidgetConfig.ChartKind.LINE, WidgetConfig.XSource.TIMESTAMP, "/ts",
                List.of(new WidgetConfig.Series("/price", "Price"), new WidgetConfig.Series("/volume", "Volume")),
                null, null, "USD")));
    }

    private static Widget gridOfTicks() {
        return new Widget(WidgetType.GRID, "Ticks", "ticks", 2, 1, WidgetConfig.grid(List.of(
                new WidgetConfig.GridColumn("/symbol", "Symbol", WidgetConfig.Format.TEXT),
                new WidgetConfig.GridColumn("/price", "Price", WidgetConfig.Format.NUMBER),
                new WidgetConfig.GridColumn("/volume", "Volume", WidgetConfig.Format.NUMBER),
                new WidgetConfig.GridColumn("/ts", "Time", WidgetConfig.Format.TIME))));
    }

    private static void report(Sample start, Sample end, List<Long> flushTimes, Duration interval) {
        double seconds = (end.nanos - start.nanos) / 1e9;
        long flushes = end.flushes - start.flushes;
        // The scheduler ticks once per interval and a tick flushes a UI at most once; the target allows
        // four a second, plus one for where the window's edges fall between ticks.
        long ticks = (end.nanos - start.nanos) / interval.toNanos() + 1;
        long allowed = Math.min(ticks, (long) (seconds * TARGET_FLUSHES_PER_SECOND) + 1);
        System.out.printf(Locale.ROOT, "Measured %.1f s after a %d s warm-up%n", seconds, WARM_UP.toSeconds());
        System.out.printf(Locale.ROOT, "    messages received: %,8.0f /s (records into the dataset: %,.0f /s)%n",
                (end.messages - start.messages) / seconds, (end.datasetVersion - start.datasetVersion) / seconds);
        System.out.printf(Locale.ROOT, "    UI.access flushes: %8.2f /s, %d in %.1f s (target <= %.0f /s: at most %d)  %s%n",
                flushes / seconds, flushes, seconds, TARGET_FLUSHES_PER_SECOND, allowed, flushes <= allowed ? "MET" : "MISSED");
        System.out.printf(Locale.ROOT, "    time between flushes: %s%n", gaps(flushTimes));
        System.out.printf(Locale.ROOT, "    records per flush: %8.1f%n", (end.datasetVersion - start.datasetVersion) / (double) flushes);
        Traffic traffic = end.traffic.minus(start.traffic);
        System.out.printf(Locale.ROOT, "    per flush, chart: %5.1f JS calls, %,8.0f bytes%n",
                traffic.chartCalls / (double) flushes, traffic.chartBytes / (double) flushes);
        System.out.printf(Locale.ROOT, "    per flush, grid:  %5.1f JS calls, %,8.0f bytes%n",
                traffic.gridCalls / (double) flushes, traffic.gridBytes / (double) flushes);
        System.out.printf(Locale.ROOT, "    per flush, state-tree changes and the rest of the response: %,8.0f bytes%n",
                traffic.otherBytes / (double) flushes);
        System.out.printf(Locale.ROOT, "    per flush, all: %,8.0f bytes (%,.0f bytes/s pushed to the tab)%n%n",
                traffic.totalBytes() / (double) flushes, traffic.totalBytes() / seconds);
    }

    /** Shortest, median and longest gap between consecutive flushes, as the browser saw them arrive. */
    private static String gaps(List<Long> flushTimes) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < flushTimes.size(); i++) {
            gaps.add(TimeUnit.NANOSECONDS.toMillis(flushTimes.get(i) - flushTimes.get(i - 1)));
        }
        if (gaps.isEmpty()) {
            return "fewer than two flushes";
        }
        gaps.sort(null);
        return String.format(Locale.ROOT, "min %d ms, median %d ms, max %d ms", gaps.get(0), gaps.get(gaps.size() / 2),
                gaps.get(gaps.size() - 1));
    }

    /** The browser's view after the feed stopped against the server's last records, point by point. */
    private static void compare(List<JsonNode> server, BrowserChartModel chart, GridWidget grid) {
        System.out.printf(Locale.ROOT, "After stopping the feed: the server's dataset holds %d records%n", server.size());
        String chartDifference = firstChartDifference(server, chart);
        System.out.printf(Locale.ROOT, "    chart (replayed client model, %d points): equal: %s%s%n", chart.xs().size(),
                chartDifference == null, chartDifference == null ? "" : ", first difference: " + chartDifference);
        List<JsonNode> items = IntStream.range(0, grid.rowCount()).mapToObj(grid::record).toList();
        String gridDifference = firstDifference(server.subList(server.size() - items.size(), server.size()), items);
        System.out.printf(Locale.ROOT, "    grid (items, %d rows): equal: %s%s%n", items.size(),
                gridDifference == null, gridDifference == null ? "" : ", first difference: " + gridDifference);
    }

    /** Null when the chart shows exactly the server's records: x = the tick's time, then price and volume. */
    private static String firstChartDifference(List<JsonNode> server, BrowserChartModel chart) {
        int points = chart.xs().size();
        for (int i = 0; i < Math.min(points, server.size()); i++) {
            JsonNode record = server.get(i);
            long x = Instant.parse(record.get("ts").asText()).toEpochMilli();
            if (chart.xs().get(i).asLong() != x) {
                return "point " + i + ": x " + chart.xs().get(i) + " in the browser, " + x + " on the server";
            }
            String[] fields = {"price", "volume"};
            for (int s = 0; s < fields.length; s++) {
                JsonNode y = chart.ys(s).get(i);
                if (y == null || y.asDouble() != record.get(fields[s]).asDouble()) {
                    return "point " + i + ": " + fields[s] + " " + y + " in the browser, " + record.get(fields[s]) + " on the server";
                }
            }
        }
        return points == server.size() ? null : points + " points in the browser, " + server.size() + " records on the server";
    }

    private static String firstDifference(List<JsonNode> server, List<JsonNode> browser) {
        for (int i = 0; i < Math.min(server.size(), browser.size()); i++) {
            if (!server.get(i).equals(browser.get(i))) {
                return "row " + i + ": " + browser.get(i) + " in the browser, " + server.get(i) + " on the server";
            }
        }
        return server.size() == browser.size() ? null : browser.size() + " rows in the browser, " + server.size() + " on the server";
    }

    /** Counters at one moment. */
    private record Sample(long nanos, long messages, long datasetVersion, long flushes, Traffic traffic) {
        static Sample of(LiveVariable variable, UiFlusher flusher, Browser browser) {
            return new Sample(System.nanoTime(), variable.stats().messagesReceived(), variable.dataset().version(),
                    flusher.flushCount(), browser.traffic);
        }
    }

    /** What the server sent the tab: JS calls to the chart and the grid, and the rest of the responses. */
    private record Traffic(long chartCalls, long chartBytes, long gridCalls, long gridBytes, long otherBytes) {
        static final Traffic NONE = new Traffic(0, 0, 0, 0, 0);

        Traffic plusChart(long bytes) {
            return new Traffic(chartCalls + 1, chartBytes + bytes, gridCalls, gridBytes, otherBytes);
        }

        Traffic plusGrid(long bytes) {
            return new Traffic(chartCalls, chartBytes, gridCalls + 1, gridBytes + bytes, otherBytes);
        }

        Traffic plusOther(long bytes) {
            return new Traffic(chartCalls, chartBytes, gridCalls, gridBytes, otherBytes + bytes);
        }

        Traffic minus(Traffic earlier) {
            return new Traffic(chartCalls - earlier.chartCalls, chartBytes - earlier.chartBytes,
                    gridCalls - earlier.gridCalls, gridBytes - earlier.gridBytes, otherBytes - earlier.otherBytes);
        }

        long totalBytes() {
            return chartBytes + gridBytes + otherBytes;
        }
    }

    /**
     * The mocked browser: takes the server's responses, counts what they carry and replays the chart's
     * calls into its client model, as {@code apex-chart.ts} would apply them.
     */
    private static final class Browser implements AutoCloseable {

        final BrowserChartModel chartModel = new BrowserChartModel();
        private final JsCallRecorder chartCalls;
        private final Component chart;
        private final Component grid;
        private final UiFlusher flusher;
        /** When each flush reached the browser (System.nanoTime), as seen by the round trips. */
        private final List<Long> flushTimes = new ArrayList<>();
        private final Function1<PendingJavaScriptInvocation, Unit> counter = this::count;
        private final UidlWriter responses = new UidlWriter();
        /** Only touched by the thread running the round trips. */
        private Traffic traffic = Traffic.NONE;

        Browser(Component chart, Component grid, UiFlusher flusher) {
            this.chart = chart;
            this.grid = grid;
            this.flusher = flusher;
            this.chartCalls = JsCallRecorder.of(chart);
            TestingLifecycleHookKt.getPendingJavascriptInvocationHandlers().add(counter);
        }

        /** Round trips every few milliseconds for {@code duration}, or until {@code done}. */
        void roundTripsFor(Duration duration, BooleanSupplier done) throws InterruptedException {
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end && !done.getAsBoolean()) {
                roundTrip();
                Thread.sleep(ROUND_TRIP_MILLIS);
            }
        }

        /**
         * Runs the queued UI.access tasks (the flushes) and takes the response: the JS calls through
         * Karibu's hook, then what remains of the response as Flow writes it (state-tree changes, sync ids).
         */
        private void roundTrip() {
            Traffic before = traffic;
            long flushesBefore = flusher.flushCount();
            MockVaadin.clientRoundtrip();
            long arrived = System.nanoTime();
            for (long i = flushesBefore; i < flusher.flushCount(); i++) {
                flushTimes.add(arrived);
            }
            chartModel.replay(chartCalls.drain());
            var rest = responses.createUidl(UI.getCurrent(), false);
            // A push carries something; an empty response (only sync ids) is what polling would cost.
            if (!traffic.equals(before) || !rest.path("changes").isEmpty()) {
                traffic = traffic.plusOther(rest.toString().getBytes(StandardCharsets.UTF_8).length);
            }
        }

        List<Long> flushTimesBetween(long fromNanos, long toNanos) {
            return flushTimes.stream().filter(time -> time >= fromNanos && time <= toNanos).toList();
        }

        private Unit count(PendingJavaScriptInvocation invocation) {
            long bytes = ChartPayloadBench.wireBytes(invocation);
            Object target = invocation.getInvocation().getParameters().isEmpty() ? null
                    : invocation.getInvocation().getParameters().get(0);
            if (target == chart.getElement()) {
                traffic = traffic.plusChart(bytes);
            } else if (target == grid.getElement()) {
                traffic = traffic.plusGrid(bytes);
            } else {
                traffic = traffic.plusOther(bytes);
            }
            return Unit.INSTANCE;
        }

        @Override
        public void close() {
            chartCalls.close();
            TestingLifecycleHookKt.getPendingJavascriptInvocationHandlers().remove(counter);
        }
    }
}
