package org.socketboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.socketboard.browser.Browser;
import org.socketboard.browser.RunningApp;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Feed → DOM in a real browser: the production jar ({@code target/socketboard.jar}, build it with
 * {@code ./mvnw -B -Pproduction -DskipTests package}) started twice at once, one with
 * {@code socketboard.push.immediate-first-flush=false} (every change waits for the next 250 ms tick,
 * as before issue 15), one as shipped; rate by rate, one after the other, a headless Chromium opens a dashboard with
 * a chart (price over the tick's time) and a grid (symbol, price, the tick's time as text) on one
 * application variable (Add as first record, limit 100) fed by the built-in ticker at 1, 10, 100 and
 * 1,000 messages/s.
 * <p>
 * Latency: a MutationObserver in the page reads every tick time that appears in a grid cell (the
 * newest rows are on top) and subtracts it from the browser's clock (the same machine's); the chart's
 * {@code prependPoints} is wrapped to do the same for every point it receives (all records, also those
 * beyond the grid's first rows). Bytes: the WebSocket frames the browser received, from Chromium's
 * DevTools ({@code Network.webSocketFrameReceived} in chromedriver's performance log), each frame's
 * payload split by what it carries: the chart's JS calls, the grid's ({@code <sb-row-table>}'s row calls),
 * state-tree changes (attributes such as the point and row counts, the state line) and the rest (the
 * UIDL envelope with its sync ids, Atmosphere's length prefix). Prints one table per mode, then both side by side, with the load
 * average beside them. Not part of {@code verify}: run with {@code ./mvnw -B -Pbench test-compile}.
 */
public final class FeedToDomBench {

    private static final int[] RATES = {1, 10, 100, 1000};
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final int LIMIT = 100;
    /** The app's port: {@code -Dbench.port}, else 18200 (and the next one for the second start). */
    private static final int PORT = Integer.getInteger("bench.port", 18200);
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

    /** Installed in the dashboard's page: collects latencies while {@code on}. */
    private static final String PROBE = """
            const probe = window.__sbProbe = { on: false, grid: [], chart: [], seen: new Set(), calls: 0, from: 0, to: 0,
              start() { this.from = Date.now(); this.on = true; }, stop() { this.on = false; this.to = Date.now(); } };
            const iso = /^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$/;
            const grid = document.querySelector('[data-widget-type="grid"] sb-row-table').shadowRoot;
            const scan = () => {
              const now = Date.now();
              for (const cell of grid.querySelectorAll('td')) {
                const text = cell.textContent.trim();
                if (iso.test(text) && !probe.seen.has(text)) {
                  probe.seen.add(text);
                  if (probe.on) { probe.grid.push(now - Date.parse(text)); }
                }
              }
            };
            new MutationObserver(scan).observe(grid, { subtree: true, childList: true, characterData: true });
            scan();
            const chart = document.querySelector('[data-widget-type="chart"] sb-apex-chart');
            for (const name of ['appendPoints', 'prependPoints']) {
              const original = chart[name].bind(chart);
              chart[name] = (columns, drop) => {
                const now = Date.now();
                if (probe.on) { probe.calls++; for (const x of columns[0]) { probe.chart.push(now - x); } }
                return original(columns, drop);
              };
            }
            """;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private FeedToDomBench() {
    }

    public static void main(String[] args) throws Exception {
        if (!Browser.available()) {
            System.out.println("FeedToDomBench: no /usr/bin/chromium and /usr/bin/chromedriver here; skipped.");
            return;
        }
        String jar = System.getProperty("socketboard.jar", "target/socketboard.jar");
        if (!Files.exists(Path.of(jar))) {
            System.out.println("FeedToDomBench: no " + jar + "; build it first: ./mvnw -B -Pproduction -DskipTests package");
            return;
        }
        new FeedToDomBench().run();
    }

    /**
     * Both apps run at once, each with its own browser (cookies are per host, not per port), and each
     * rate is measured on one right after the other, so that the machine's load falls on both alike.
     */
    private void run() throws Exception {
        List<Row> before = new ArrayList<>();
        List<Row> now = new ArrayList<>();
        try (RunningApp tickOnly = start(false); RunningApp immediate = start(true);
             Browser tickOnlyBrowser = new Browser(true); Browser immediateBrowser = new Browser(true)) {
            tickOnlyBrowser.signIn(tickOnly, "admin", "admin");
            immediateBrowser.signIn(immediate, "admin", "admin");
            for (int rate : RATES) {
                before.add(measureRate(tickOnly, tickOnlyBrowser, rate));
                System.out.printf(Locale.ROOT, "tick only: %s%n", before.get(before.size() - 1));
                now.add(measureRate(immediate, immediateBrowser, rate));
                System.out.printf(Locale.ROOT, "immediate first flush: %s%n", now.get(now.size() - 1));
            }
        }
        Map<String, List<Row>> byMode = new LinkedHashMap<>();
        byMode.put("tick only (before)", before);
        byMode.put("immediate first flush (now)", now);
        printSideBySide(byMode);
    }

    private static RunningApp start(boolean immediateFirstFlush) throws IOException, InterruptedException {
        return RunningApp.startOnPort(immediateFirstFlush ? PORT + 1 : PORT, "--socketboard.demo.enabled=false",
                "--socketboard.feeds.enabled=true", "--socketboard.feeds.max-rate=1000",
                "--socketboard.push.immediate-first-flush=" + immediateFirstFlush);
    }

    private Row measureRate(RunningApp app, Browser browser, int rate) throws Exception {
        String name = "bench-" + rate;
        define(app, name, rate);
        try {
            browser.open(app.url("/dashboards/" + name));
            browser.waitUntil(Duration.ofSeconds(60), d -> Boolean.TRUE.equals(browser.script("""
                    const grid = document.querySelector('[data-widget-type="grid"] sb-row-table');
                    return !!grid && grid.shadowRoot.querySelectorAll('tbody tr').length > 0
                      && !!document.querySelector('[data-widget-type="chart"] sb-apex-chart');""")));
            browser.script(PROBE);
            Thread.sleep(WARM_UP.toMillis());
            browser.driver.manage().logs().get(LogType.PERFORMANCE); // drop what came before
            browser.script("window.__sbProbe.start();");
            double loadBefore = loadAverage();
            Thread.sleep(durationFor(rate).toMillis());
            browser.script("window.__sbProbe.stop();");
            // The page's own window: a WebDriver call can take a second on a loaded machine.
            double seconds = ((Number) browser.script("return window.__sbProbe.to - window.__sbProbe.from;")).doubleValue() / 1000;
            long chartCalls = ((Number) browser.script("return window.__sbProbe.calls;")).longValue();
            Frames frames = Frames.of(browser.driver.manage().logs().get(LogType.PERFORMANCE).getAll(), json);
            @SuppressWarnings("unchecked")
            List<Number> grid = (List<Number>) browser.script("return window.__sbProbe.grid;");
            @SuppressWarnings("unchecked")
            List<Number> chart = (List<Number>) browser.script("return window.__sbProbe.chart;");
            return new Row(rate, seconds, Percentiles.of(grid), Percentiles.of(chart), chartCalls, frames,
                    (loadBefore + loadAverage()) / 2);
        } finally {
            browser.open(app.url("/dashboards"));
            remove(app, name);
        }
    }

    /** Long enough for a p99 to mean something at low rates, bounded at high ones. */
    private static Duration durationFor(int rate) {
        return rate <= 1 ? Duration.ofSeconds(40) : rate <= 10 ? Duration.ofSeconds(20) : Duration.ofSeconds(12);
    }

    /** A ticker service at {@code rate}, an application variable on it and a dashboard of a chart and a grid. */
    private void define(RunningApp app, String name, int rate) throws IOException, InterruptedException {
        URI feed = URI.create(app.url("/feeds/ticker?symbols=ACME&rate=" + rate).replace("http:", "ws:"));
        put(app, "/api/services/" + name, json.createObjectNode().put("name", name).put("url", feed.toString())
                .put("sampleResponse", "{\"type\":\"tick\",\"market\":\"demo\",\"symbol\":\"ACME\",\"price\":1.5,"
                        + "\"change\":0.1,\"volume\":100,\"ts\":\"2026-01-01T00:00:00.000Z\"}"));
        put(app, "/api/variables/" + name, json.createObjectNode().put("name", name).put("service", name)
                .put("scope", "APPLICATION").put("connectOnLoad", false).put("strategy", "ADD_FIRST").put("dataLimit", LIMIT));
        ObjectNode dashboard = json.createObjectNode().put("name", name).put("slug", name);
        ArrayNode widgets = dashboard.putArray("widgets");
        ObjectNode chart = widgets.addObject().put("type", "CHART").put("title", "Price").put("variable", name)
                .put("width", 2).put("height", 1).putObject("config").putObject("chart")
                .put("kind", "LINE").put("x", "TIMESTAMP").put("xField", "/ts");
        chart.putArray("series").addObject().put("field", "/price").put("name", "Price");
        widgets.addObject().put("type", "GRID").put("title", "Ticks").put("variable", name)
                .put("width", 2).put("height", 1).putObject("config").putArray("columns")
                .add(json.createObjectNode().put("path", "/symbol").put("header", "Symbol").put("format", "TEXT"))
                .add(json.createObjectNode().put("path", "/price").put("header", "Price").put("format", "NUMBER"))
                .add(json.createObjectNode().put("path", "/ts").put("header", "Time").put("format", "TEXT"));
        put(app, "/api/dashboards/" + name, dashboard);
    }

    private void remove(RunningApp app, String name) throws IOException, InterruptedException {
        for (String path : List.of("/api/dashboards/", "/api/variables/", "/api/services/")) {
            http.send(HttpRequest.newBuilder(URI.create(app.url(path + name))).header("Authorization", BASIC).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    private void put(RunningApp app, String path, ObjectNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.url(path)))
                        .header("Authorization", BASIC).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void printSideBySide(Map<String, List<Row>> byMode) {
        List<String> modes = List.copyOf(byMode.keySet());
        System.out.println();
        System.out.println("Feed -> DOM, chart + grid on one variable (Add as first record, limit " + LIMIT
                + "), push interval 250 ms; latency ms p50 / p99 (samples), bytes received by the browser");
        System.out.printf(Locale.ROOT, "| msg/s | what | %s | %s |%n", modes.get(0), modes.get(1));
        System.out.println("| --- | --- | --- | --- |");
        for (int i = 0; i < RATES.length; i++) {
            Row before = byMode.get(modes.get(0)).get(i);
            Row now = byMode.get(modes.get(1)).get(i);
            line(RATES[i], "grid cell: feed → DOM", before.grid.toString(), now.grid.toString());
            line(RATES[i], "chart: feed → element", before.chart.toString(), now.chart.toString());
            line(RATES[i], "pushes/s (chart updates/s in the page)", fmt(before.frames.pushes / before.seconds)
                    + " (" + fmt(before.chartCalls / before.seconds) + ")", fmt(now.frames.pushes / now.seconds)
                    + " (" + fmt(now.chartCalls / now.seconds) + ")");
            line(RATES[i], "bytes/s to the browser", fmt(before.frames.total() / before.seconds), fmt(now.frames.total() / now.seconds));
            line(RATES[i], "bytes per push: chart / grid / state changes / envelope", before.frames.perPush(), now.frames.perPush());
            line(RATES[i], "load average", fmt(before.load), fmt(now.load));
        }
    }

    private static void line(int rate, String what, String before, String now) {
        System.out.printf(Locale.ROOT, "| %,d | %s | %s | %s |%n", rate, what, before, now);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%,.1f", value);
    }

    private record Row(int rate, double seconds, Percentiles grid, Percentiles chart, long chartCalls, Frames frames, double load) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d msg/s over %.1f s: grid %s, chart %s ms; %d frames, %.1f pushes/s, chart updates %.1f/s, %,.0f B/s (per push %s), load %.1f",
                    rate, seconds, grid, chart, frames.frames, frames.pushes / seconds, chartCalls / seconds, frames.total() / seconds,
                    frames.perPush(), load);
        }
    }

    private record Percentiles(int samples, long p50, long p99) {
        static Percentiles of(List<Number> values) {
            List<Long> sorted = values.stream().map(Number::longValue).sorted().toList();
            if (sorted.isEmpty()) {
                return new Percentiles(0, -1, -1);
            }
            return new Percentiles(sorted.size(), sorted.get((sorted.size() - 1) / 2),
                    sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1));
        }

        @Override
        public String toString() {
            return samples == 0 ? "none" : String.format(Locale.ROOT, "%d / %d (%,d)", p50, p99, samples);
        }
    }

    /** The WebSocket frames the browser received, their bytes split by what they carry. */
    private record Frames(long frames, long pushes, long chartBytes, long gridBytes, long changeBytes, long otherBytes) {

        static Frames of(List<LogEntry> entries, ObjectMapper json) throws IOException {
            long frames = 0;
            long pushes = 0;
            long chart = 0;
            long grid = 0;
            long changes = 0;
            long all = 0;
            Set<String> seen = new HashSet<>();
            for (LogEntry entry : entries) {
                JsonNode message = json.readTree(entry.getMessage()).path("message");
                if (!"Network.webSocketFrameReceived".equals(message.path("method").asText())) {
                    continue;
                }
                // The log can hold one frame more than once (seen: more frames than the chart had updates).
                if (!seen.add(message.path("params").path("requestId").asText() + "@" + message.path("params").path("timestamp").asText())) {
                    continue;
                }
                String payload = message.path("params").path("response").path("payloadData").asText();
                all += payload.getBytes(StandardCharsets.UTF_8).length;
                frames++;
                // Atmosphere prefixes each message with its length and a bar; Flow wraps the UIDL in
                // "for(;;);[…]" against JSON hijacking.
                String body = payload.replaceFirst("^\\d+\\|", "").replaceFirst("^for\\(;;\\);", "");
                if (!body.startsWith("{") && !body.startsWith("[")) {
                    continue;
                }
                JsonNode parsed = json.readTree(body);
                JsonNode uidl = parsed.isArray() ? parsed.path(0) : parsed;
                if (uidl.path("execute").isEmpty() && uidl.path("changes").isEmpty()) {
                    continue;
                }
                pushes++;
                changes += uidl.path("changes").toString().getBytes(StandardCharsets.UTF_8).length;
                for (JsonNode call : uidl.path("execute")) {
                    String script = call.path(call.size() - 1).asText();
                    long bytes = call.toString().getBytes(StandardCharsets.UTF_8).length;
                    if (script.contains("Points") || script.contains("replaceAll") || script.contains("setOptions")) {
                        chart += bytes;
                    } else if (script.contains("Rows(") || script.contains("setHeaders")) {
                        grid += bytes;
                    }
                }
            }
            return new Frames(frames, pushes, chart, grid, changes, all - chart - grid - changes);
        }

        long total() {
            return chartBytes + gridBytes + changeBytes + otherBytes;
        }

        String perPush() {
            if (pushes == 0) {
                return "no pushes";
            }
            return String.format(Locale.ROOT, "%,d / %,d / %,d / %,d", chartBytes / pushes, gridBytes / pushes,
                    changeBytes / pushes, otherBytes / pushes);
        }
    }
}
