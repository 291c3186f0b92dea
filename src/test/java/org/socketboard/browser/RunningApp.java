package org.socketboard.browser;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The production jar started as a separate process on a free port with a fresh H2 database, as a
 * newcomer would run it. The browser suite talks to it over loopback.
 */
public final class RunningApp implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path workDir;
    private final Path log;

    private RunningApp(Process process, int port, Path workDir, Path log) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
        this.log = log;
    }

    public static RunningApp start(String... extraArgs) throws IOException, InterruptedException {
        return startIn(Files.createTempDirectory("socketboard-it"), extraArgs);
    }

    /** On a port of the caller's choosing (benchmarks keep to their own range on a shared machine). */
    public static RunningApp startOnPort(int port, String... extraArgs) throws IOException, InterruptedException {
        return startIn(Files.createTempDirectory("socketboard-it"), port, extraArgs);
    }

    /**
     * Starts the jar in {@code workDir}: its {@code ./data} (database, secret key) is the one an earlier
     * start there left, so a restart on the same directory finds what was stored. The log is appended to.
     */
    static RunningApp startIn(Path workDir, String... extraArgs) throws IOException, InterruptedException {
        return startIn(workDir, freePort(), extraArgs);
    }

    private static RunningApp startIn(Path workDir, int port, String... extraArgs) throws IOException, InterruptedException {
        String jar = System.getProperty("socketboard.jar", "target/socketboard.jar");
        if (!Files.exists(Path.of(jar))) {
            throw new IllegalStateException("Build the production jar first (./mvnw -Pproduction package): " + jar);
        }
        Path log = workDir.resolve("app.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", Path.of(jar).toAbsolutePath().toString(),
                "--server.port=" + port));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        RunningApp app = new RunningApp(process, port, workDir, log);
        // Generous: the shared 2-core build machine can take minutes to start a JVM while other builds run.
        app.awaitHealthy(Duration.ofMinutes(5));
        return app;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    int port() {
        return port;
    }

    Path workDir() {
        return workDir;
    }

    /** The app's own output so far, for the report of a failed test. */
    String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The app exited during start-up:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(url("/actuator/health"))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("UP")) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("The app did not become healthy in " + timeout + ":\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Ends the process with SIGKILL (as {@code kill -9}): no shutdown hook, no flush, no orderly close. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
