package org.socketboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 15.3: how many live dashboards one server holds. Starts the production jar
 * ({@code target/socketboard.jar}, build it with {@code ./mvnw -B -Pproduction -DskipTests package}) on
 * loopback port 18300, makes a dashboard with a chart, a grid and a value card on one application
 * variable fed by the built-in ticker at 10 msg/s, and opens N real UIs on it: each one its own
 * signed-in session, bootstrapped as Vaadin Flow 24's client does it ({@code ?v-r=init}, then the
 * {@code ui-navigate} event as a UIDL request) and kept live over its own Atmosphere push WebSocket
 * ({@code /VAADIN/push}), which it reads as a browser would, without rendering. For N = 10, 100, 500,
 * 1,000 (stopping at the first N the machine cannot reach) it prints heap per UI after a full GC, server
 * CPU per UI, pushes/s per UI and the p99 of feed → client latency (the newest tick's {@code ts} as the
 * chart's x in a push, against the client's clock on the same machine). With each step it prints the
 * load average, the UIs the server has dropped for lagging, the server's CPU per push and the busiest
 * threads of the server and of this client (CPU from /proc per thread name), so that a step short of
 * pushes says whose thread is short. {@code -Dscale.dumps=DIR} adds thread dumps of both mid-step,
 * {@code -Dscale.serverOptions="-XX:StartFlightRecording=..."} JVM options for the server,
 * {@code -Dscale.jar} another jar (e.g. main's, side by side). Bounded: each step measures
 * {@value #MEASURE_SECONDS} s, the whole run stops after {@value #MAX_MINUTES} minutes.
 * Run: {@code ./mvnw -B -Pbench test-compile -Dbench.scale.skip=false} (see README).
 */
public final class ScaleBench {

    private static final int PORT = 18300;
    /** The numbers of UIs measured, in order ({@code -Dscale.steps=10,100} for fewer). */
    private static final int[] STEPS = java.util.Arrays.stream(System.getProperty("scale.steps", "10,100,500,1000").split(","))
            .mapToInt(step -> Integer.parseInt(step.strip())).toArray();
    private static final int MEASURE_SECONDS = 20;
    private static final int MAX_MINUTES = 25;
    private static final String BASE = "http://127.0.0.1:" + PORT;
    /** An epoch-millisecond time of this decade in a push: the chart's x of a tick. */
    private static final Pattern EPOCH_MS = Pattern.compile("(?<![\\d.])(1[78]\\d{11})(?![\\d.])");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = newClient();
    /**
     * The viewers' clients, each with its own selector thread: one HttpClient reads all its sockets on
     * one thread, which at 1,000 sockets is the client's limit, not the server's
     * ({@code -Dscale.clients}, default 8; viewers are dealt round-robin).
     */
    private final HttpClient[] viewerClients = java.util.stream.IntStream
            .range(0, Integer.getInteger("scale.clients", 8)).mapToObj(i -> newClient()).toArray(HttpClient[]::new);
    /** Server JVM options added before {@code -jar}, space-separated (e.g. a JFR recording). */
    private static final String SERVER_OPTIONS = System.getProperty("scale.serverOptions", "");
    /** Where thread dumps of the server and of this client go at each step (none without it). */
    private static final String DUMPS = System.getProperty("scale.dumps", "");
    private final List<Viewer> viewers = Collections.synchronizedList(new ArrayList<>());
    /** Vaadin closes a UI after 3 missed heartbeats; the viewers send theirs as the client would. */
    private final java.util.concurrent.ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    private final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(MAX_MINUTES);
    private Process server;

    private static HttpClient newClient() {
        return HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).connectTimeout(Duration.ofSeconds(30)).build();
    }

    public static void main(String[] args) throws Exception {
        var bench = new ScaleBench();
        try {
            bench.run();
        } finally {
            bench.stop();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        start();
        provision();
        System.out.printf("%nScale: one dashboard (chart + grid + value card) on one application variable, ticker at 10 msg/s,"
                + " N UIs each with its own session and push WebSocket, measured %d s per step; server -Xmx2g on 2 cores%n",
                MEASURE_SECONDS);
        long heapBefore = heapAfterGc();
        int uisBefore = 0;
        System.out.printf("heap after GC with no UI: %.1f MB; heap/UI is the growth from the step before over the UIs added%n",
                heapBefore / 1e6);
        System.out.printf("%6s | %16s | %17s | %14s | %19s | %s%n", "UIs", "heap/UI after GC", "server CPU/UI",
                "pushes/s/UI", "p99 feed→client", "notes");
        heartbeats.scheduleAtFixedRate(() -> List.copyOf(viewers).forEach(Viewer::heartbeat), 30, 30,
                TimeUnit.SECONDS);
        ExecutorService openers = Executors.newFixedThreadPool(8);
        for (int target : STEPS) {
            List<Future<?>> opening = new ArrayList<>();
            for (int i = viewers.size(); i < target; i++) {
                HttpClient client = viewerClients[i % viewerClients.length];
                opening.add(openers.submit(() -> {
                    viewers.add(Viewer.open(this, client));
                    return null;
                }));
            }
            String note = "";
            try {
                for (Future<?> future : opening) {
                    future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            } catch (Exception cannot) {
                note = "could not open all: " + rootCause(cannot);
            }
            Thread.sleep(5000); // every UI has had its snapshot
            int live = viewers.size();
            long cpuBefore = serverCpuNanos();
            Map<String, Long> serverThreadsBefore = threadCpuTicks(server.pid());
            Map<String, Long> clientThreadsBefore = threadCpuTicks(ProcessHandle.current().pid());
            // Counted from here: reading /proc above takes a while under load and is not in the window.
            viewers.forEach(Viewer::reset);
            long start = System.nanoTime();
            Thread.sleep(MEASURE_SECONDS * 500L);
            dumpThreads(live);
            Thread.sleep(MEASURE_SECONDS * 500L);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (serverCpuNanos() - cpuBefore) / 1e9 / seconds;
            String serverThreads = busiest(serverThreadsBefore, threadCpuTicks(server.pid()), seconds);
            String clientThreads = busiest(clientThreadsBefore, threadCpuTicks(ProcessHandle.current().pid()), seconds);
            String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            Matcher dropped = Pattern.compile("(?m)^socketboard_push_dropped_total(?:\\{[^}]*})? (\\S+)$")
                    .matcher(admin("GET", "/actuator/prometheus", null).body());
            String droppedSoFar = dropped.find() ? String.valueOf((long) Double.parseDouble(dropped.group(1))) : "?";
            List<Long> latencies = new ArrayList<>();
            long pushes = 0;
            double maxPushRate = 0;
            int silent = 0;
            for (Viewer viewer : viewers) {
                latencies.addAll(viewer.latencies);
                pushes += viewer.pushes.get();
                maxPushRate = Math.max(maxPushRate, viewer.pushes.get() / seconds);
                silent += viewer.pushes.get() == 0 ? 1 : 0;
            }
            long heap = heapAfterGc();
            Collections.sort(latencies);
            long p99 = latencies.isEmpty() ? -1 : latencies.get((int) Math.min(latencies.size() - 1, latencies.size() * 0.99));
            System.out.printf("%6d | %13.0f kB | %8.1f %% core | %5.2f (max %.2f) | %16d ms | %s%s%n", live,
                    (heap - heapBefore) / 1e3 / Math.max(1, live - uisBefore), cpu * 100 / live, pushes / seconds / live, maxPushRate, p99,
                    silent == 0 ? "" : silent + " UIs got no push; ", note + String.format("server CPU %.2f cores", cpu));
            System.out.printf("       load average %s; UIs dropped by the server so far %s; server CPU per push %.2f ms;"
                    + " busiest threads (cores): server %s; client %s%n",
                    load, droppedSoFar, pushes == 0 ? 0 : cpu * seconds * 1000 / pushes, serverThreads, clientThreads);
            heapBefore = heap;
            uisBefore = live;
            if (!note.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
        }
        openers.shutdownNow();
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.toString();
    }

    // ---- the server ------------------------------------------------------------------------------

    private void start() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("scale.jar", "target/socketboard.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Build the production jar first: ./mvnw -B -Pproduction -DskipTests package");
        }
        Path dir = Files.createTempDirectory("socketboard-scale");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g"));
        if (!SERVER_OPTIONS.isBlank()) {
            command.addAll(List.of(SERVER_OPTIONS.strip().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=" + PORT, "--server.address=127.0.0.1",
                "--logging.level.root=warn"));
        server = new ProcessBuilder(command)
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("app.log").toFile()).start();
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < until) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(BASE + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server did not start; see " + dir.resolve("app.log"));
    }

    private void stop() throws InterruptedException {
        heartbeats.shutdownNow();
        viewers.forEach(Viewer::close);
        if (server != null) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** CPU ticks (user + system, 1/100 s) per thread name of a process, digits dropped so pools add up. */
    private static Map<String, Long> threadCpuTicks(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "#");
                    String[] fields = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException gone) {
            // the process ended
        }
        return ticks;
    }

    /** The four thread names that used the most CPU between two readings, in cores. */
    private static String busiest(Map<String, Long> before, Map<String, Long> after, double seconds) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 100.0 / seconds))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(4)
                .map(e -> String.format("%s %.2f", e.getKey(), e.getValue())).collect(java.util.stream.Collectors.joining(", "));
    }

    /** With {@code -Dscale.dumps=DIR}: a thread dump of the server and of this client, mid-step. */
    private void dumpThreads(int uis) throws IOException, InterruptedException {
        if (DUMPS.isBlank()) {
            return;
        }
        Files.createDirectories(Path.of(DUMPS));
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        for (var process : List.of(Map.entry("server", server.pid()), Map.entry("client", ProcessHandle.current().pid()))) {
            new ProcessBuilder(jcmd, Long.toString(process.getValue()), "Thread.print").redirectErrorStream(true)
                    .redirectOutput(Path.of(DUMPS, process.getKey() + "-" + uis + ".txt").toFile()).start()
                    .waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** CPU time the server process has used (user + system), from /proc. */
    private long serverCpuNanos() throws IOException {
        String[] stat = Files.readString(Path.of("/proc/" + server.pid() + "/stat")).split("\\) ", 2)[1].split(" ");
        long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
        return ticks * 10_000_000L; // USER_HZ = 100
    }

    /** The heap in use right after a full GC ({@code jcmd GC.run}), read from the server's own meters. */
    private long heapAfterGc() throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, Long.toString(server.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
        Matcher used = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} (\\S+)$")
                .matcher(admin("GET", "/actuator/prometheus", null).body());
        long sum = 0;
        while (used.find()) {
            sum += (long) Double.parseDouble(used.group(1));
        }
        return sum;
    }

    private HttpResponse<String> admin(String method, String path, String json) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(BASE + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void provision() throws IOException, InterruptedException {
        put("/api/services/scale-ticker", """
                {"name": "scale-ticker", "url": "ws://localhost:%d/feeds/ticker?rate=10",
                 "sampleResponse": "{\\"symbol\\": \\"ACME\\", \\"price\\": 101.5, \\"ts\\": \\"2026-11-25T12:00:00.123Z\\"}"}
                """.formatted(PORT));
        put("/api/variables/scale-ticks", """
                {"name": "scale-ticks", "service": "scale-ticker", "scope": "APPLICATION", "connectOnLoad": true,
                 "strategy": "ADD_LAST", "dataLimit": 100}
                """);
        put("/api/dashboards/scale", """
                {"name": "Scale", "slug": "scale", "sharedWithRoles": ["VIEWER"],
                 "widgets": [
                   {"type": "CHART", "title": "Prices", "variable": "scale-ticks", "width": 2, "height": 2,
                    "config": {"chart": {"kind": "LINE", "x": "TIMESTAMP", "xField": "/ts",
                                         "series": [{"field": "/price", "name": "Price"}]}}},
                   {"type": "GRID", "title": "Ticks", "variable": "scale-ticks", "width": 2, "height": 2,
                    "config": {"columns": [{"path": "/symbol", "header": "Symbol", "format": "TEXT"},
                                           {"path": "/price", "header": "Price", "format": "NUMBER"}]}},
                   {"type": "VALUE", "title": "Last", "variable": "scale-ticks", "width": 1, "height": 1,
                    "config": {"value": {"field": "/price", "showChange": true, "sparkline": false}}}]}
                """);
    }

    private void put(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> answer = admin("PUT", path, json);
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT " + path + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    // ---- one viewer: a session, a UI on the dashboard, its push connection -------------------------

    private static final class Viewer implements WebSocket.Listener {
        final AtomicLong pushes = new AtomicLong();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        private final StringBuilder pending = new StringBuilder();
        private WebSocket socket;
        private String cookie;
        private int uiId;
        private final HttpClient http;

        Viewer(HttpClient http) {
            this.http = http;
        }

        static Viewer open(ScaleBench bench, HttpClient http) throws Exception {
            HttpResponse<Void> login = http.send(HttpRequest.newBuilder(URI.create(BASE + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=admin")).build(),
                    HttpResponse.BodyHandlers.discarding());
            String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                    .map(c -> c.split(";", 2)[0]).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no session from the sign-in: " + login.statusCode()));
            HttpResponse<String> init = http.send(HttpRequest.newBuilder(URI.create(BASE
                            + "/?v-r=init&location=" + URLEncoder.encode("dashboards/scale", StandardCharsets.UTF_8) + "&query="))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode config = JSON.readTree(init.body()).path("appConfig");
            int uiId = config.path("v-uiId").asInt(-1);
            JsonNode uidl = config.path("uidl");
            String csrf = uidl.path("Vaadin-Security-Key").asText();
            String pushId = uidl.path("Vaadin-Push-ID").asText();
            if (uiId < 0 || csrf.isEmpty() || pushId.isEmpty()) {
                throw new IllegalStateException("unexpected init answer " + init.statusCode() + ": " + init.body());
            }
            String navigate = """
                    {"csrfToken":"%s","rpc":[{"type":"event","node":1,"event":"ui-navigate","data":{"route":"dashboards/scale",
                    "query":"","appShellTitle":"","historyState":{"idx":0},"trigger":""}}],"syncId":%d,"clientId":0}"""
                    .formatted(csrf, uidl.path("syncId").asInt());
            HttpResponse<String> navigated = http.send(HttpRequest.newBuilder(URI.create(BASE + "/?v-r=uidl&v-uiId=" + uiId))
                    .header("Cookie", cookie).header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(navigate)).build(), HttpResponse.BodyHandlers.ofString());
            if (navigated.statusCode() != 200 || !navigated.body().contains("data-widget-type")) {
                throw new IllegalStateException("navigation failed " + navigated.statusCode() + ": "
                        + navigated.body().substring(0, Math.min(500, navigated.body().length())));
            }
            var viewer = new Viewer(http);
            viewer.cookie = cookie;
            viewer.uiId = uiId;
            String push = "ws://127.0.0.1:" + PORT + "/VAADIN/push?v-r=push&v-uiId=" + uiId + "&v-pushId=" + pushId
                    + "&X-Atmosphere-tracking-id=0&X-Atmosphere-Framework=3.1.5-javascript&X-Atmosphere-Transport=websocket"
                    + "&X-Atmosphere-TrackMessageSize=true&Content-Type=application%2Fjson%3B%20charset%3DUTF-8&X-atmo-protocol=true";
            viewer.socket = http.newWebSocketBuilder().header("Cookie", cookie).buildAsync(URI.create(push), viewer)
                    .get(60, TimeUnit.SECONDS);
            return viewer;
        }

        void heartbeat() {
            http.sendAsync(HttpRequest.newBuilder(URI.create(BASE + "/?v-r=heartbeat&v-uiId=" + uiId)).header("Cookie", cookie)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        }

        void reset() {
            pushes.set(0);
            latencies.clear();
        }

        void close() {
            if (socket != null) {
                socket.abort();
            }
        }

        /** Atmosphere's framing with TrackMessageSize: "length|message", several per frame or one over several. */
        @Override
        public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.currentTimeMillis();
            pending.append(data);
            while (true) {
                int bar = pending.indexOf("|");
                if (bar < 0) {
                    break;
                }
                int length;
                try {
                    length = Integer.parseInt(pending.substring(0, bar));
                } catch (NumberFormatException notFramed) {
                    pending.setLength(0);
                    break;
                }
                if (pending.length() < bar + 1 + length) {
                    break;
                }
                String message = pending.substring(bar + 1, bar + 1 + length);
                pending.delete(0, bar + 1 + length);
                if (message.startsWith("{") || message.startsWith("for(;;)")) {
                    pushes.incrementAndGet();
                    long newest = 0;
                    Matcher x = EPOCH_MS.matcher(message);
                    while (x.find()) {
                        newest = Math.max(newest, Long.parseLong(x.group(1)));
                    }
                    if (newest > 0) {
                        latencies.add(now - newest);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
