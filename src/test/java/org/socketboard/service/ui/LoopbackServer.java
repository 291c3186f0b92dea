package org.socketboard.service.ui;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A misbehaving upstream on loopback for connection-test failures: one that accepts and then never
 * answers (a handshake timeout), one that answers every request with a fixed HTTP response, or one
 * that speaks first in plain text (what a {@code wss://} client meets at a server without TLS).
 */
final class LoopbackServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private LoopbackServer(String reply, boolean speaksFirst) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> serve(reply, speaksFirst), "loopback-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Accepts connections and stays silent. */
    static LoopbackServer silent() throws IOException {
        return new LoopbackServer(null, false);
    }

    /** Answers the opening handshake with this status line (and no upgrade). */
    static LoopbackServer answering(String statusLine) throws IOException {
        return new LoopbackServer(statusLine + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", false);
    }

    /** Sends this text as soon as a client connects, before reading anything, and keeps the connection. */
    static LoopbackServer speakingFirst(String text) throws IOException {
        return new LoopbackServer(text, true);
    }

    /** A port on loopback that refuses connections: it was free a moment ago and nobody listens. */
    static int refusingPort() throws IOException {
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    String url(String path) {
        return "ws://127.0.0.1:" + server.getLocalPort() + path;
    }

    String secureUrl(String path) {
        return "wss://127.0.0.1:" + server.getLocalPort() + path;
    }

    private void serve(String reply, boolean speaksFirst) {
        while (!server.isClosed()) {
            try {
                var socket = server.accept();
                accepted.add(socket);
                if (speaksFirst) {
                    socket.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
                } else if (reply != null) {
                    answer(socket, reply);
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void answer(Socket socket, String reply) throws IOException {
        var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        String line;
        do {
            line = in.readLine();
        } while (line != null && !line.isEmpty());
        socket.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
        socket.close();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        for (var socket : accepted) {
            socket.close();
        }
        acceptor.join(2000);
    }
}
