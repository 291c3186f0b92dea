package org.socketboard.testsupport;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real Socket.IO v4 server of {@code src/test/socketio/server.js} (npm {@code socket.io}), run by node
 * on loopback. Its packages are installed with npm on first use. Counts the connections it accepted.
 */
public final class SocketIoServer implements AutoCloseable {

    private static final File DIRECTORY = new File("src/test/socketio");

    private final Process process;
    private final int port;
    private final AtomicInteger connections = new AtomicInteger();

    /**
     * @param environment e.g. {@code TOKEN} (auth required), {@code PING_INTERVAL}, {@code PING_TIMEOUT} in ms,
     *                    {@code PORT} (default: a free one)
     */
    public SocketIoServer(Map<String, String> environment) throws Exception {
        installOnce();
        ProcessBuilder builder = new ProcessBuilder("node", "server.js").directory(DIRECTORY).redirectErrorStream(true);
        builder.environment().putAll(environment);
        process = builder.start();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("listening ")) {
                        listening.complete(Integer.parseInt(line.substring("listening ".length()).trim()));
                    } else if (line.startsWith("connection ")) {
                        connections.incrementAndGet();
                    }
                }
            } catch (IOException ended) {
                // the server stopped
            }
            listening.completeExceptionally(new IllegalStateException("The Socket.IO server ended before listening"));
        }, "socketio-server-output");
        reader.setDaemon(true);
        reader.start();
        port = listening.get(60, TimeUnit.SECONDS);
    }

    private static synchronized void installOnce() throws Exception {
        if (new File(DIRECTORY, "node_modules/socket.io").isDirectory()) {
            return;
        }
        Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIRECTORY)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
            throw new IllegalStateException("npm ci in " + DIRECTORY + " failed");
        }
    }

    /** The server's address as a person would type it (the Socket.IO protocol adds its path and query). */
    public String url() {
        return "ws://127.0.0.1:" + port + "/";
    }

    public int port() {
        return port;
    }

    public int connections() {
        return connections.get();
    }

    /**
     * Stops the node process (SIGSTOP) without closing anything: its sockets stay open and it falls
     * silent, as a hung server does. {@link #resume()} lets it go on.
     */
    public void freeze() throws Exception {
        signal("-STOP");
    }

    public void resume() throws Exception {
        signal("-CONT");
    }

    private void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill " + signal + " of the Socket.IO server failed");
        }
    }

    @Override
    public void close() throws Exception {
        resume();
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
