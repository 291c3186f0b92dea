package org.socketboard.upstream.protocol;

import org.socketboard.upstream.domain.UpstreamReason;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.util.MimeType;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * STOMP 1.2 (1.1 accepted) over WebSocket, frames read and written by Spring's {@link StompDecoder}
 * and {@link StompEncoder}. CONNECT carries {@code accept-version}, {@code host} (the URL's host unless
 * set), the connect settings ({@code login}, {@code passcode}, …) and our {@code heart-beat}; at
 * CONNECTED we SUBSCRIBE to each destination and are ready. Each MESSAGE is a message: its body with its
 * {@code content-type}, and the field {@code destination}. An ERROR frame is the reason the connection
 * ends. Heart-beats are negotiated as the spec says: we send every max(ours, server's wish), and expect
 * something at least every max(server's, ours), with a tolerance of twice that (the server's values
 * clamped to 100 ms – 1 h; a heart-beat header that is not two numbers refuses the server). Closing sends
 * UNSUBSCRIBE for each subscription and DISCONNECT.
 * <p>
 * Each SEND asks for a {@code receipt}: the RECEIPT confirms it; an ERROR naming that receipt, or an ERROR
 * while a SEND is unanswered, refuses that send and ends the session in a way a reconnect mends (the server
 * closes after an ERROR, as the spec says). Any other ERROR is a refusal only before the first MESSAGE (it
 * answers CONNECT or SUBSCRIBE); after MESSAGEs arrived it ends the session, reconnected after with backoff.
 * Frames that cannot be read are refused before CONNECTED (not a STOMP endpoint?) and unreadable messages after it,
 * each with what was wrong ({@link StompFrameProblem}), a {@code content-length} that is no number of bytes
 * up to 4 MB among them; reading goes on with the next WebSocket message. A MESSAGE body in a binary
 * WebSocket message is read in the charset of its {@code content-type} (UTF-8 when it names none); one in
 * a text message is the text as it came, whatever charset it names.
 */
public final class Stomp implements WireProtocol {

    /** Offered when the service sets no subprotocol (Spring's and most brokers' STOMP endpoints know them). */
    public static final List<String> SUBPROTOCOLS = List.of("v12.stomp", "v11.stomp", "v10.stomp");
    /** How the reason of an ERROR frame starts. */
    public static final String ERROR_PREFIX = "The STOMP server sent an ERROR: ";
    /** How the reason of an ERROR that answers our SEND starts. */
    public static final String SEND_REFUSED_PREFIX = "The STOMP server refused the message: ";
    static final int MAX_FRAME = 4 * 1024 * 1024;
    /** Unanswered SENDs remembered (servers without receipts never answer them): enough to match a late ERROR. */
    private static final int MAX_UNANSWERED = 64;
    private static final String RECEIPT_HEADER = "\nreceipt:";

    private final Map<String, String> connect;
    private final List<String> destinations;
    private final String sendDestination;
    private final Duration heartBeat;
    private final StompDecoder decoder = new StompDecoder();
    private final StompEncoder encoder = new StompEncoder();
    /** The start of a frame split over WebSocket messages, kept until the rest arrives. */
    private byte[] carried = new byte[0];
    private final AtomicLong receipts = new AtomicLong();
    /** Receipts of our SENDs not yet answered, oldest first; guarded by itself (sends come from other threads). */
    private final Deque<String> unanswered = new ArrayDeque<>();
    private KeepAlive keepAlive = KeepAlive.NONE;
    private boolean subscribed;
    /** A MESSAGE came in this session: an ERROR from now on ends the session rather than refusing it. */
    private boolean delivered;

    Stomp(Map<String, String> connect, List<String> destinations, String sendDestination, Duration heartBeat) {
        this.connect = connect;
        this.destinations = destinations;
        this.sendDestination = !sendDestination.isEmpty() || destinations.isEmpty() ? sendDestination : destinations.get(0);
        this.heartBeat = heartBeat;
    }

    @Override
    public URI address(URI configured) {
        return configured;
    }

    @Override
    public List<String> subprotocols(List<String> configured) {
        return configured.isEmpty() ? SUBPROTOCOLS : configured;
    }

    @Override
    public List<String> onOpen(URI uri) {
        StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.CONNECT);
        headers.setAcceptVersion("1.2,1.1");
        headers.setHost(uri.getHost());
        connect.forEach((name, value) -> {
            switch (name) {
                case "login" -> headers.setLogin(value);
                // The encoder writes the passcode only from where setPasscode keeps it (out of the native headers).
                case "passcode" -> headers.setPasscode(value);
                case "host" -> headers.setHost(value);
                default -> headers.setNativeHeader(name, value);
            }
        });
        long ms = heartBeat.toMillis();
        headers.setNativeHeader("heart-beat", ms + "," + ms);
        return List.of(encode(headers, new byte[0]));
    }

    /**
     * Frames are one per WebSocket message or split across several: a frame's start is kept until its end
     * comes. A text message is characters already (UTF-8 on the wire), so its bodies are read as they are.
     */
    @Override
    public Inbound onFrame(String frame) {
        return read(frame.getBytes(StandardCharsets.UTF_8), frame, false);
    }

    /** A binary message is bytes: each body is read in the charset its {@code content-type} names (UTF-8 when none). */
    @Override
    public Inbound onBinaryFrame(ByteBuffer frame) {
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        return read(bytes, new String(bytes, StandardCharsets.UTF_8), true);
    }

    private Inbound read(byte[] bytes, String frame, boolean declaredCharsets) {
        byte[] data = carried.length == 0 ? bytes : concat(carried, bytes);
        carried = new byte[0];
        List<Message<byte[]>> frames = List.of();
        String problem = null;
        ByteBuffer buffer = ByteBuffer.wrap(data);
        try {
            frames = decoder.decode(buffer);
        } catch (RuntimeException malformed) {
            problem = StompFrameProblem.of(data);
        }
        if (problem == null && buffer.hasRemaining()) {
            byte[] leftover = Arrays.copyOfRange(data, buffer.position(), data.length);
            if (leftover.length > MAX_FRAME) {
                problem = "A frame is larger than 4 MB or has no end";
            } else if (StompFrameProblem.cannotContinue(leftover)) {
                problem = StompFrameProblem.of(data);
            } else {
                carried = leftover;
            }
        }
        List<WireMessage> messages = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        List<String> confirmed = new ArrayList<>();
        boolean ready = false;
        for (Message<byte[]> message : frames) {
            StompHeaderAccessor headers = StompHeaderAccessor.wrap(message);
            StompCommand command = headers.getCommand();
            if (command == StompCommand.CONNECTED) {
                String heartBeatHeader = headers.getFirstNativeHeader("heart-beat");
                long[] server = heartBeatHeader == null ? null : parseHeartBeat(heartBeatHeader);
                if (heartBeatHeader != null && server == null) {
                    return Inbound.refused("The STOMP server's heart-beat header is not two numbers: "
                            + UpstreamReason.of(heartBeatHeader, "(empty)"));
                }
                keepAlive = negotiate(server);
                replies.addAll(subscribe());
                ready = true;
            } else if (command == StompCommand.MESSAGE) {
                delivered = true;
                // The decoder reads on to the NUL byte past a content-length it cannot use, so it is checked here.
                String length = StompFrameProblem.contentLength("MESSAGE", headers.getFirstNativeHeader("content-length"));
                MimeType type = headers.getContentType();
                Charset charset = declaredCharsets && type != null && type.getCharset() != null ? type.getCharset()
                        : StandardCharsets.UTF_8;
                messages.add(length != null ? WireMessage.unreadable(frame, "A STOMP frame could not be read: " + length)
                        : new WireMessage(new String(message.getPayload(), charset), type == null ? "" : type.toString(),
                        Map.of("destination", String.valueOf(headers.getDestination()))));
            } else if (command == StompCommand.RECEIPT && answered(headers.getReceiptId())) {
                confirmed.add(headers.getReceiptId());
            } else if (command == StompCommand.ERROR) {
                String reason = errorText(headers, message.getPayload());
                String refusedSend = refusedSend(headers.getReceiptId());
                if (refusedSend != null) {
                    return new Inbound(messages, replies, ready, null, SEND_REFUSED_PREFIX + reason, confirmed, refusedSend);
                }
                // After MESSAGEs the server refused nothing we asked: the session broke (a broker restarting, a queue gone).
                return new Inbound(messages, replies, ready, delivered ? null : ERROR_PREFIX + reason,
                        delivered ? ERROR_PREFIX + reason : null, confirmed, null);
            }
            // Heart-beats (no command) need nothing.
        }
        if (problem != null && !subscribed) {
            return Inbound.refused("The server's answer is not STOMP: " + problem + ". Is this a STOMP endpoint?");
        }
        if (problem != null) {
            messages.add(WireMessage.unreadable(frame, "A STOMP frame could not be read: " + problem));
        }
        return new Inbound(messages, replies, ready, null, null, confirmed, null);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** Whether {@code receipt} was one of our unanswered SENDs (now answered). */
    private boolean answered(String receipt) {
        synchronized (unanswered) {
            return receipt != null && unanswered.remove(receipt);
        }
    }

    /**
     * The SEND an ERROR answers: the one it names by {@code receipt-id}, else the latest unanswered one
     * (the ERROR came straight after it); null when it answers none (CONNECT, SUBSCRIBE).
     */
    private String refusedSend(String receiptId) {
        synchronized (unanswered) {
            if (receiptId != null && unanswered.remove(receiptId)) {
                return receiptId;
            }
            return receiptId == null ? unanswered.pollLast() : null;
        }
    }

    /** The {@code message} header, else the body, as one clean line ({@link UpstreamReason}). */
    private static String errorText(StompHeaderAccessor headers, byte[] body) {
        String text = UpstreamReason.of(headers.getMessage());
        return text.isEmpty() ? UpstreamReason.of(new String(body, StandardCharsets.UTF_8), "no reason given") : text;
    }

    /**
     * {@code sx,sy}: two non-negative whole numbers of milliseconds; numbers too large for a long are
     * {@link Long#MAX_VALUE} (clamped later). Null when the header is not that.
     */
    static long[] parseHeartBeat(String header) {
        String[] parts = header.split(",", -1);
        if (parts.length != 2) {
            return null;
        }
        long[] values = new long[2];
        for (int i = 0; i < 2; i++) {
            String digits = parts[i].strip();
            if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            values[i] = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
        }
        return values;
    }

    /**
     * {@code serverSends, serverWants} against our offer: 0 on either side = none that way. The server's
     * wishes are clamped to {@link KeepAlive#clamp 100 ms – 1 h}, so the doubled tolerance cannot overflow.
     */
    private KeepAlive negotiate(long[] server) {
        long ours = heartBeat.toMillis();
        long serverSends = server == null ? 0 : server[0];
        long serverWants = server == null ? 0 : server[1];
        Duration sendEvery = ours > 0 && serverWants > 0 ? KeepAlive.clamp(Math.max(ours, serverWants)) : null;
        Duration expect = ours > 0 && serverSends > 0 ? KeepAlive.clamp(Math.max(ours, serverSends)).multipliedBy(2) : null;
        return new KeepAlive(sendEvery, "\n", expect,
                expect == null ? null : "No heart-beat from the STOMP server within " + expect.toMillis() + " ms");
    }

    private List<String> subscribe() {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < destinations.size(); i++) {
            StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.SUBSCRIBE);
            headers.setSubscriptionId("sub-" + i);
            headers.setDestination(destinations.get(i));
            headers.setNativeHeader("ack", "auto");
            frames.add(encode(headers, new byte[0]));
        }
        subscribed = true;
        return frames;
    }

    /** A SEND to the variable's destination with a receipt to answer; JSON-looking text is sent as application/json. */
    @Override
    public String send(String message) {
        StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.SEND);
        headers.setDestination(sendDestination);
        String receipt = "send-" + receipts.incrementAndGet();
        headers.setReceipt(receipt);
        synchronized (unanswered) {
            unanswered.addLast(receipt);
            if (unanswered.size() > MAX_UNANSWERED) {
                unanswered.removeFirst();
            }
        }
        String start = message.stripLeading();
        boolean json = start.startsWith("{") || start.startsWith("[");
        headers.setContentType(json ? MimeType.valueOf("application/json") : MimeType.valueOf("text/plain;charset=UTF-8"));
        return encode(headers, message.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code receipt} header of a SEND frame made by {@link #send} (its headers need no unescaping). */
    @Override
    public String receiptOf(String frame) {
        int headersEnd = frame.indexOf("\n\n");
        int at = frame.indexOf(RECEIPT_HEADER);
        if (!frame.startsWith("SEND\n") || at < 0 || headersEnd >= 0 && at > headersEnd) {
            return null;
        }
        int start = at + RECEIPT_HEADER.length();
        int end = frame.indexOf('\n', start);
        return frame.substring(start, end < 0 ? frame.length() : end);
    }

    @Override
    public List<String> onClose() {
        List<String> frames = new ArrayList<>();
        if (subscribed) {
            for (int i = 0; i < destinations.size(); i++) {
                StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.UNSUBSCRIBE);
                headers.setSubscriptionId("sub-" + i);
                frames.add(encode(headers, new byte[0]));
            }
        }
        frames.add(encode(StompHeaderAccessor.create(StompCommand.DISCONNECT), new byte[0]));
        return frames;
    }

    @Override
    public KeepAlive keepAlive() {
        return keepAlive;
    }

    @Override
    public String handshakeTimedOut(Duration timeout) {
        return "The STOMP server did not answer CONNECT within " + UpstreamReason.duration(timeout);
    }

    private String encode(StompHeaderAccessor headers, byte[] body) {
        return new String(encoder.encode(headers.getMessageHeaders(), body), StandardCharsets.UTF_8);
    }
}
