package org.socketboard.service.connection;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small scripted server on loopback for connection tests, written on raw sockets so that a test
 * controls every byte: it can answer the WebSocket handshake and then run a {@link Script}, answer
 * with any HTTP response, or accept TCP and say nothing. After that it keeps reading until the client
 * disconnects, so a test can observe that the client closed its side ({@link Peer#disconnected}).
 */
final class LoopbackServer implements AutoCloseable {

    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** Longer than any test: a client that never disconnects shows as a timeout, not as a hang. */
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    /** What the server does once the WebSocket handshake is answered. */
    interface Script {
        void run(Peer peer) throws IOException;
    }

    private enum Mode { WEBSOCKET, HTTP_RESPONSE, SILENT }

    private final ServerSocket serverSocket;
    private final Mode mode;
    private final Script script;
    private final String httpResponse;
    private final BlockingQueue<Peer> peers = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private LoopbackServer(Mode mode, Script script, String httpResponse) throws IOException {
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.mode = mode;
        this.script = script;
        this.httpResponse = httpResponse;
        start(this::acceptLoop);
    }

    /** Answers the WebSocket handshake (choosing the first subprotocol offered), then runs the script. */
    static LoopbackServer webSocket(Script script) throws IOException {
        return new LoopbackServer(Mode.WEBSOCKET, script, null);
    }

    /** Sends this raw response as soon as a client connects, whatever it sends (even a TLS hello). */
    static LoopbackServer answering(String httpResponse) throws IOException {
        return new LoopbackServer(Mode.HTTP_RESPONSE, null, httpResponse);
    }

    /** Accepts TCP connections and never sends a byte. */
    static LoopbackServer silent() throws IOException {
        return new LoopbackServer(Mode.SILENT, null, null);
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + serverSocket.getLocalPort() + path);
    }

    /** The next client that connected (in order), waiting up to two seconds for it. */
    Peer nextPeer() throws InterruptedException {
        Peer peer = peers.poll(2, TimeUnit.SECONDS);
        if (peer == null) {
            throw new AssertionError("No client connected within 2 s");
        }
        return peer;
    }

    boolean anyPeerConnected() {
        return !peers.isEmpty();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                Peer peer = new Peer(socket);
                peers.add(peer);
                start(peer::serve);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void start(Runnable task) {
        Thread thread = new Thread(task, "loopback-server");
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        serverSocket.close();
        for (Peer peer : peers) {
            peer.socket.close();
        }
        for (Thread thread : threads) {
            thread.join(2_000);
        }
    }

    /** One client connection, as the server sees it. */
    final class Peer {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        /** The request line and headers the client sent (header names case-insensitive). */
        final Map<String, String> requestHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final List<String> receivedTexts = new CopyOnWriteArrayList<>();
        /** The status code of the client's close frame. */
        final CompletableFuture<Integer> clientCloseCode = new CompletableFuture<>();
        /** Completes when the client disconnected (end of stream); fails when it stayed connected. */
        final CompletableFuture<Void> disconnected = new CompletableFuture<>();
        private boolean closeSent;

        private Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        private void serve() {
            try {
                if (mode == Mode.HTTP_RESPONSE) {
                    write(httpResponse.getBytes(StandardCharsets.ISO_8859_1));
                } else if (mode == Mode.WEBSOCKET) {
                    readRequest();
                    acceptHandshake();
                    script.run(this);
                }
                drainUntilDisconnected();
            } catch (SocketTimeoutException e) {
                disconnected.completeExceptionally(new AssertionError("The client stayed connected", e));
            } catch (EOFException e) {
                disconnected.complete(null);
            } catch (IOException e) {
                // A reset by the client is a disconnect too; a socket we closed ourselves is not.
                if (socket.isClosed()) {
                    disconnected.completeExceptionally(e);
                } else {
                    disconnected.complete(null);
                }
            } finally {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Already gone.
                }
            }
        }

        void sendText(String text) throws IOException {
            sendFrame(true, 0x1, text.getBytes(StandardCharsets.UTF_8));
        }

        void sendBinary(byte[] bytes) throws IOException {
            sendFrame(true, 0x2, bytes);
        }

        /** One text message in several frames: a text frame, then continuation frames. */
        void sendFragments(String... parts) throws IOException {
            for (int i = 0; i < parts.length; i++) {
                sendFrame(i == parts.length - 1, i == 0 ? 0x1 : 0x0, parts[i].getBytes(StandardCharsets.UTF_8));
            }
        }

        void sendClose(int code, String reason) throws IOException {
            byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
            sendFrame(true, 0x8, ByteBuffer.allocate(2 + reasonBytes.length)
                    .putShort((short) code).put(reasonBytes).array());
            closeSent = true;
        }

        /** Ends the TCP connection without a close frame. */
        void drop() throws IOException {
            socket.close();
        }

        /** Reads frames until a whole text message arrived, and returns it. */
        String nextText() throws IOException {
            int before = receivedTexts.size();
            while (receivedTexts.size() == before) {
                if (!readFrame()) {
                    throw new EOFException("The client closed before sending a text message");
                }
            }
            return receivedTexts.get(before);
        }

        private void drainUntilDisconnected() throws IOException {
            if (mode == Mode.WEBSOCKET) {
                while (readFrame()) {
                    // Frames are recorded by readFrame, up to the client's close frame.
                }
            }
            while (in.read() != -1) {
                // Whatever comes after does not matter, only that the client goes away.
            }
            throw new EOFException();
        }

        /** Reads one client frame (clients always mask); false at a close frame or end of stream. */
        private boolean readFrame() throws IOException {
            int first = in.read();
            if (first == -1) {
                throw new EOFException();
            }
            int opcode = first & 0x0F;
            byte[] payload = readPayload();
            if (opcode == 0x1) {
                receivedTexts.add(new String(payload, StandardCharsets.UTF_8));
            } else if (opcode == 0x8) {
                clientCloseCode.complete(payload.length >= 2 ? ByteBuffer.wrap(payload).getShort() & 0xFFFF : 1005);
                if (!closeSent) {
                    sendFrame(true, 0x8, payload);
                    closeSent = true;
                }
                return false;
            }
            return true;
        }

        private byte[] readPayload() throws IOException {
            int second = in.read();
            long length = second & 0x7F;
            if (length == 126) {
                length = ByteBuffer.wrap(in.readNBytes(2)).getShort() & 0xFFFF;
            } else if (length == 127) {
                length = ByteBuffer.wrap(in.readNBytes(8)).getLong();
            }
            byte[] mask = (second & 0x80) != 0 ? in.readNBytes(4) : new byte[4];
            byte[] payload = in.readNBytes((int) length);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            return payload;
        }

        private void sendFrame(boolean last, int opcode, byte[] payload) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write((last ? 0x80 : 0) | opcode);
            if (payload.length < 126) {
                frame.write(payload.length);
            } else if (payload.length <= 0xFFFF) {
                frame.write(126);
                frame.writeBytes(ByteBuffer.allocate(2).putShort((short) payload.length).array());
            } else {
                frame.write(127);
                frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
            }
            frame.writeBytes(payload);
            write(frame.toByteArray());
        }

        private void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        private void readRequest() throws IOException {
            List<String> lines = new ArrayList<>();
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                lines.add(line);
            }
            for (String header : lines.subList(1, lines.size())) {
                int colon = header.indexOf(':');
                requestHeaders.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
            }
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b == -1) {
                    throw new EOFException();
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        private void acceptHandshake() throws IOException {
            String accept = Base64.getEncoder().encodeToString(sha1(requestHeaders.get("Sec-WebSocket-Key") + WEBSOCKET_GUID));
            String offered = requestHeaders.get("Sec-WebSocket-Protocol");
            String protocol = offered == null ? "" : "Sec-WebSocket-Protocol: " + offered.split(",")[0].strip() + "\r\n";
            write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n" + protocol + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }

        private static byte[] sha1(String text) {
            try {
                return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.ISO_8859_1));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every JDK has SHA-1", e);
            }
        }
    }
}
