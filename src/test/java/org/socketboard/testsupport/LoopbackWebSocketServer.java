package org.socketboard.testsupport;

import org.socketboard.upstream.domain.Protocol;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The one test server for WebSocket clients: a small RFC 6455 server on loopback, written on raw
 * sockets so that a test controls every byte (fragments, pings, a close it does not answer, an
 * invalid frame, vanishing and coming back on the same port) and needs no Spring context. It can
 * also misbehave below WebSocket: accept TCP and never answer ({@link #silent()}), or send fixed
 * bytes before reading anything ({@link #speakingFirst(String)}: an HTTP refusal, plain text where
 * TLS was expected). Every connection records whether the client left by itself
 * ({@link Peer#disconnected}). One thread per connection.
 */
public final class LoopbackWebSocketServer implements AutoCloseable {

    /** What the test's server does; every method runs on the connection's thread. */
    public interface Behaviour {
        /** The HTTP status answered to the handshake: 101 accepts. */
        default int handshakeStatus(String path) {
            return 101;
        }

        /** Headers added to the handshake answer (a refusal's Location, a forced Sec-WebSocket-Protocol). */
        default Map<String, String> handshakeHeaders(String path) {
            return Map.of();
        }

        default void onOpen(Peer peer) {
        }

        default void onText(Peer peer, String text) {
        }
    }

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** Null for a server below WebSocket, which only sends {@link #firstWords} (if any) and listens. */
    private final Behaviour behaviour;
    private final byte[] firstWords;
    private final Set<String> supportedSubprotocols;
    private final AtomicInteger connectionsAccepted = new AtomicInteger();
    private final Set<Peer> peers = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Peer> accepted = new LinkedBlockingQueue<>();
    private volatile ServerSocket serverSocket;
    private volatile boolean answerCloses = true;
    private volatile boolean answerPings = true;
    private int port;

    /** A WebSocket server doing what {@code behaviour} says; it chooses the first offered of {@code supportedSubprotocols}. */
    public LoopbackWebSocketServer(Behaviour behaviour, String... supportedSubprotocols) throws IOException {
        this(behaviour, null, supportedSubprotocols);
    }

    private LoopbackWebSocketServer(Behaviour behaviour, byte[] firstWords, String... supportedSubprotocols) throws IOException {
        this.behaviour = behaviour;
        this.firstWords = firstWords;
        this.supportedSubprotocols = Set.of(supportedSubprotocols);
        start();
    }

    /** Reads each opening handshake and answers it with this HTTP status (and no upgrade). */
    public static LoopbackWebSocketServer refusingTheHandshakeWith(int status) throws IOException {
        return new LoopbackWebSocketServer(new Behaviour() {
            @Override
            public int handshakeStatus(String path) {
                return status;
            }
        });
    }

    /** Accepts TCP connections and never sends a byte (a handshake that times out). */
    public static LoopbackWebSocketServer silent() throws IOException {
        return new LoopbackWebSocketServer(null, new byte[0]);
    }

    /**
     * Sends these bytes (ISO-8859-1) as soon as a client connects, before reading anything (even a TLS
     * hello), then only listens until the client leaves: a raw HTTP answer, or plain text where a
     * {@code wss://} client expects TLS.
     */
    public static LoopbackWebSocketServer speakingFirst(String text) throws IOException {
        return new LoopbackWebSocketServer(null, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A port on loopback that refuses connections: it was free a moment ago and nobody listens. */
    public static int refusingPort() throws IOException {
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Echoes every text message back. */
    public static LoopbackWebSocketServer echo() throws IOException {
        return new LoopbackWebSocketServer(new Behaviour() {
            @Override
            public void onText(Peer peer, String text) {
                peer.sendText(text);
            }
        });
    }

    /** Sends these text messages to every client as soon as it connects, and keeps the connection. */
    public static LoopbackWebSocketServer sendingOnOpen(String... messages) throws IOException {
        return new LoopbackWebSocketServer(new Behaviour() {
            @Override
            public void onOpen(Peer peer) {
                for (String message : messages) {
                    peer.sendText(message);
                }
            }
        });
    }

    /**
     * A server speaking a protocol by hand: counts connections, sends {@code openFrames} to each as it
     * connects and hands every text message to {@code onText}; chooses {@code v12.stomp} for STOMP.
     */
    public static LoopbackWebSocketServer speaking(Protocol protocol, AtomicInteger connections, BiConsumer<Peer, String> onText,
                                            String... openFrames) throws IOException {
        return new LoopbackWebSocketServer(new Behaviour() {
            @Override
            public void onOpen(Peer peer) {
                connections.incrementAndGet();
                for (String frame : openFrames) {
                    peer.sendText(frame);
                }
            }

            @Override
            public void onText(Peer peer, String text) {
                onText.accept(peer, text);
            }
        }, protocol == Protocol.STOMP ? new String[] {"v12.stomp"} : new String[0]);
    }

    /** Starts listening (again, on the same port once it has had one). */
    public synchronized void start() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        port = socket.getLocalPort();
        serverSocket = socket;
        Thread acceptor = new Thread(() -> acceptLoop(socket), "test-ws-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Goes away abruptly: no close frames, sockets just closed. */
    public synchronized void stop() throws IOException {
        serverSocket.close();
        for (Peer peer : peers) {
            peer.closeAbruptly();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    /** The same address with {@code wss://}, for a client that expects TLS here. */
    public URI secureUri(String path) {
        return URI.create("wss://127.0.0.1:" + port + path);
    }

    public int port() {
        return port;
    }

    /** Connections whose socket is still open on the server side. */
    public int openConnections() {
        return (int) peers.stream().filter(peer -> !peer.socket.isClosed()).count();
    }

    /** TCP connections accepted so far, handshake or not (zero: the client refused before connecting). */
    public int connectionsAccepted() {
        return connectionsAccepted.get();
    }

    /** When false, close frames from clients get no answer (to test the client's close timeout). */
    public void answerCloses(boolean answer) {
        answerCloses = answer;
    }

    /** When false, pings from clients get no pong (a server that has silently died). */
    public void answerPings(boolean answer) {
        answerPings = answer;
    }

    /** The next connection the server accepted: for a WebSocket server, once its handshake is answered (waits up to 5 s). */
    public Peer nextPeer() throws InterruptedException {
        Peer peer = accepted.poll(5, TimeUnit.SECONDS);
        if (peer == null) {
            throw new AssertionError("No connection reached the test server within 5 s");
        }
        return peer;
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connectionsAccepted.incrementAndGet();
                Thread reader = new Thread(() -> serve(client), "test-ws-peer-" + port);
                reader.setDaemon(true);
                reader.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        Peer peer = null;
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            if (behaviour == null) {
                peer = new Peer(socket, out, null, new TreeMap<>());
                peers.add(peer);
                accepted.add(peer);
                out.write(firstWords);
                out.flush();
                drainUntilEndOfStream(in);
                return;
            }
            List<String> request = readHttpHead(in);
            String path = request.get(0).split(" ")[1];
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String line : request.subList(1, request.size())) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int status = behaviour.handshakeStatus(path);
            StringBuilder extra = new StringBuilder();
            behaviour.handshakeHeaders(path).forEach((name, value) -> extra.append(name).append(": ").append(value).append("\r\n"));
            if (status != 101) {
                out.write(("HTTP/1.1 " + status + " Refused\r\n" + extra + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            // Known before the client can see the handshake answered, so that stop() right after "open" cuts it too.
            peer = new Peer(socket, out, path, headers);
            peers.add(peer);
            String chosen = chooseSubprotocol(headers.get("sec-websocket-protocol"));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(headers.get("sec-websocket-key")) + "\r\n"
                    + (chosen == null ? "" : "Sec-WebSocket-Protocol: " + chosen + "\r\n") + extra + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            accepted.add(peer);
            behaviour.onOpen(peer);
            readFrames(peer, new DataInputStream(in));
        } catch (IOException | RuntimeException gone) {
            if (peer != null) {
                // The end of the stream, or a reset, while the test left the socket open: the client went away by itself.
                boolean broken = gone instanceof IOException || gone.getCause() instanceof IOException;
                if (broken && !peer.closedByServer) {
                    peer.disconnected.complete(null);
                } else {
                    peer.disconnected.completeExceptionally(new AssertionError("The test server ended the connection first", gone));
                }
            }
        }
    }

    /** Reads until the client leaves; throws {@link EOFException} then, as a frame read would. */
    private static void drainUntilEndOfStream(InputStream in) throws IOException {
        while (in.read() != -1) {
            // Whatever comes now does not matter, only that the client goes away.
        }
        throw new EOFException();
    }

    private String chooseSubprotocol(String offered) {
        if (offered == null) {
            return null;
        }
        for (String protocol : offered.split(",")) {
            if (supportedSubprotocols.contains(protocol.trim())) {
                return protocol.trim();
            }
        }
        return null;
    }

    private void readFrames(Peer peer, DataInputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            boolean fin = (first & 0x80) != 0;
            int opcode = first & 0x0F;
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] mask = new byte[4];
            if ((second & 0x80) != 0) {
                in.readFully(mask);
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            switch (opcode) {
                case 0x0, 0x1, 0x2 -> {
                    message.write(payload);
                    if (fin) {
                        String text = message.toString(StandardCharsets.UTF_8);
                        message.reset();
                        peer.received.add(text);
                        peer.receivedTexts.add(text);
                        behaviour.onText(peer, text);
                    }
                }
                case 0x8 -> {
                    int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                    peer.closeCodes.add(code);
                    if (answerCloses) {
                        if (!peer.closeSent) {
                            peer.sendFrame(0x8, true, payload);
                        }
                        // The close handshake is done; the client should now leave (Peer.disconnected).
                        drainUntilEndOfStream(in);
                    }
                }
                case 0x9 -> {
                    peer.pings.incrementAndGet();
                    if (answerPings) {
                        peer.sendFrame(0xA, true, payload);
                    }
                }
                case 0xA -> peer.pongs.add(new String(payload, StandardCharsets.UTF_8));
                default -> throw new IOException("Unknown opcode " + opcode);
            }
        }
    }

    private static List<String> readHttpHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The client went away during the handshake");
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
        return List.of(head.toString(StandardCharsets.US_ASCII).trim().split("\r\n"));
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One client connection as the server sees it. */
    public static final class Peer {
        private final Socket socket;
        /** The request target of the handshake: path and query (null below WebSocket). */
        public final String path;
        /** The handshake's headers, names in lower case, looked up case-insensitively (empty below WebSocket). */
        public final Map<String, String> headers;
        /**
         * Completes when the client went away by itself (end of stream or a reset); fails when the test
         * server closed the connection first. A client that stays shows as a timeout of {@code get}.
         */
        public final CompletableFuture<Void> disconnected = new CompletableFuture<>();
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final List<String> receivedTexts = new CopyOnWriteArrayList<>();
        private final BlockingQueue<Integer> closeCodes = new LinkedBlockingQueue<>();
        private final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
        private final AtomicInteger pings = new AtomicInteger();
        private final OutputStream out;
        private volatile boolean closeSent;
        private volatile boolean closedByServer;

        Peer(Socket socket, OutputStream out, String path, Map<String, String> headers) {
            this.socket = socket;
            this.out = out;
            this.path = path;
            this.headers = headers;
        }

        public void sendText(String text) {
            sendFrame(0x1, true, text.getBytes(StandardCharsets.UTF_8));
        }

        /** One message in several frames: the first carries the opcode, the rest are continuations. */
        public void sendFragmented(String... parts) {
            for (int i = 0; i < parts.length; i++) {
                sendFrame(i == 0 ? 0x1 : 0x0, i == parts.length - 1, parts[i].getBytes(StandardCharsets.UTF_8));
            }
        }

        public void sendBinary(byte[] bytes) {
            sendFrame(0x2, true, bytes);
        }

        public void sendPing(String payload) {
            sendFrame(0x9, true, payload.getBytes(StandardCharsets.UTF_8));
        }

        public void sendClose(int code, String reason) {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            ByteBuffer payload = ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text);
            sendFrame(0x8, true, payload.array());
        }

        /** The next whole message from the client not taken yet (waits up to 5 s). */
        public String nextReceived() throws InterruptedException {
            return poll(received, "message");
        }

        /** Every whole message the client sent so far, in order. */
        public List<String> receivedTexts() {
            return List.copyOf(receivedTexts);
        }

        public int nextCloseCode() throws InterruptedException {
            return poll(closeCodes, "close frame");
        }

        public int pingsReceived() {
            return pings.get();
        }

        public String nextPong() throws InterruptedException {
            return poll(pongs, "pong");
        }

        private static <T> T poll(BlockingQueue<T> queue, String what) throws InterruptedException {
            T next = queue.poll(5, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("No " + what + " reached the test server within 5 s");
            }
            return next;
        }

        /** One frame as given, unchecked: invalid UTF-8, an unsolicited pong. */
        public synchronized void sendFrame(int opcode, boolean fin, byte[] payload) {
            if (opcode == 0x8) {
                closeSent = true;
            }
            try {
                ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 10);
                frame.write((fin ? 0x80 : 0) | opcode);
                if (payload.length < 126) {
                    frame.write(payload.length);
                } else if (payload.length < 65_536) {
                    frame.write(126);
                    frame.write(payload.length >>> 8);
                    frame.write(payload.length & 0xFF);
                } else {
                    frame.write(127);
                    frame.write(ByteBuffer.allocate(8).putLong(payload.length).array());
                }
                frame.write(payload);
                out.write(frame.toByteArray());
                out.flush();
            } catch (IOException e) {
                throw new IllegalStateException("The test server could not write to the client", e);
            }
        }

        /** Destroys the socket without a close frame; with {@code reset}, as an RST (a killed process, a cut network). */
        public void closeAbruptly(boolean reset) {
            try {
                if (reset) {
                    socket.setSoLinger(true, 0);
                }
            } catch (IOException ignored) {
                // Already closed.
            }
            closeAbruptly();
        }

        public boolean isClosed() {
            return socket.isClosed();
        }

        public void closeAbruptly() {
            closedByServer = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }
}
