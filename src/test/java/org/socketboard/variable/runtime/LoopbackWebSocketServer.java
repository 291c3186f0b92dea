package org.socketboard.variable.runtime;

import org.socketboard.upstream.domain.Protocol;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A small RFC 6455 server on loopback for the runtime's tests: real sockets, full control over what
 * the server does (fragments, pings, ignoring a close, vanishing and coming back on the same port),
 * and no Spring context to start. One thread per connection. Public for the security tests, which
 * check what reaches an upstream server.
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

    private final Behaviour behaviour;
    private final Set<String> supportedSubprotocols;
    private final Set<Peer> peers = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Peer> accepted = new LinkedBlockingQueue<>();
    private volatile ServerSocket serverSocket;
    private volatile boolean answerCloses = true;
    private volatile boolean answerPings = true;
    private int port;

    public LoopbackWebSocketServer(Behaviour behaviour, String... supportedSubprotocols) throws IOException {
        this.behaviour = behaviour;
        this.supportedSubprotocols = Set.of(supportedSubprotocols);
        start();
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
    static LoopbackWebSocketServer speaking(Protocol protocol, AtomicInteger connections, BiConsumer<Peer, String> onText,
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

    public int port() {
        return port;
    }

    /** Connections whose socket is still open on the server side. */
    public int openConnections() {
        return (int) peers.stream().filter(peer -> !peer.socket.isClosed()).count();
    }

    /** When false, close frames from clients get no answer (to test the client's close timeout). */
    public void answerCloses(boolean answer) {
        answerCloses = answer;
    }

    /** When false, pings from clients get no pong (a server that has silently died). */
    public void answerPings(boolean answer) {
        answerPings = answer;
    }

    /** The next connection the server accepted (waits up to 5 s). */
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
                Thread reader = new Thread(() -> serve(client), "test-ws-peer-" + port);
                reader.setDaemon(true);
                reader.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            List<String> request = readHttpHead(in);
            String path = request.get(0).split(" ")[1];
            Map<String, String> headers = new HashMap<>();
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
            String chosen = chooseSubprotocol(headers.get("sec-websocket-protocol"));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(headers.get("sec-websocket-key")) + "\r\n"
                    + (chosen == null ? "" : "Sec-WebSocket-Protocol: " + chosen + "\r\n") + extra + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Peer peer = new Peer(socket, out, path, headers);
            peers.add(peer);
            accepted.add(peer);
            behaviour.onOpen(peer);
            readFrames(peer, new DataInputStream(in));
        } catch (IOException | RuntimeException gone) {
            // The client or the test ended the connection.
        }
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
                        behaviour.onText(peer, text);
                    }
                }
                case 0x8 -> {
                    int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                    peer.closeCodes.add(code);
                    if (answerCloses) {
                        peer.frame(0x8, true, payload);
                        peer.closeAbruptly();
                        return;
                    }
                }
                case 0x9 -> {
                    peer.pings.incrementAndGet();
                    if (answerPings) {
                        peer.frame(0xA, true, payload);
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
        final Socket socket;
        /** The request target of the handshake: path and query. */
        public final String path;
        /** The handshake's headers, names in lower case. */
        public final Map<String, String> headers;
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final BlockingQueue<Integer> closeCodes = new LinkedBlockingQueue<>();
        final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
        private final AtomicInteger pings = new AtomicInteger();
        private final OutputStream out;

        Peer(Socket socket, OutputStream out, String path, Map<String, String> headers) {
            this.socket = socket;
            this.out = out;
            this.path = path;
            this.headers = headers;
        }

        public void sendText(String text) {
            frame(0x1, true, text.getBytes(StandardCharsets.UTF_8));
        }

        /** One message in several frames: the first carries the opcode, the rest are continuations. */
        public void sendFragmented(String... parts) {
            for (int i = 0; i < parts.length; i++) {
                frame(i == 0 ? 0x1 : 0x0, i == parts.length - 1, parts[i].getBytes(StandardCharsets.UTF_8));
            }
        }

        public void sendBinary(byte[] bytes) {
            frame(0x2, true, bytes);
        }

        public void sendPing(String payload) {
            frame(0x9, true, payload.getBytes(StandardCharsets.UTF_8));
        }

        public void sendClose(int code, String reason) {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            ByteBuffer payload = ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text);
            frame(0x8, true, payload.array());
        }

        public String nextReceived() throws InterruptedException {
            return poll(received, "message");
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

        synchronized void frame(int opcode, boolean fin, byte[] payload) {
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

        public void closeAbruptly() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }
}
