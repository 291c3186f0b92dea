package org.socketboard.upstream.protocol;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * One connection's conversation in a protocol spoken inside a WebSocket: which frames to send after the
 * handshake, what each received text frame means (messages for the variable, frames to answer with, the
 * protocol being ready or refusing), what sending a message looks like and how to say goodbye. Holds the
 * state of one connection (a reconnect makes a new one); called one frame at a time; does no I/O.
 */
public interface WireProtocol {

    /** The address to open: {@code configured} as it is, or with the protocol's query (Socket.IO's {@code EIO=4}). */
    URI address(URI configured);

    /** The subprotocols to offer: {@code configured}, or the protocol's own when none are configured. */
    List<String> subprotocols(List<String> configured);

    /**
     * Frames to send as soon as the WebSocket is open (STOMP's CONNECT); empty when the protocol waits
     * for the server to speak first.
     *
     * @param uri the address connected to (STOMP's {@code host} header defaults to its host)
     */
    List<String> onOpen(URI uri);

    /** What one whole text frame from the server means. */
    Inbound onFrame(String frame);

    /** What one whole binary frame means: by default its bytes as UTF-8 text (some brokers send STOMP frames as binary). */
    default Inbound onBinaryFrame(ByteBuffer frame) {
        return onFrame(StandardCharsets.UTF_8.decode(frame).toString());
    }

    /**
     * The receipt a frame made by {@link #send} asks the server for (STOMP's {@code receipt} header): the
     * server will answer it with a RECEIPT ({@link Inbound#receipts}) or an ERROR ({@link Inbound#refusedSend});
     * null when the protocol confirms nothing, so a send is only known to be written to the socket.
     */
    default String receiptOf(String frame) {
        return null;
    }

    /**
     * The frame that sends one message of the variable's: a Socket.IO emit, a STOMP SEND; the text as
     * it is for plain WebSocket.
     */
    String send(String message);

    /** Frames to send before our close frame (STOMP's UNSUBSCRIBE and DISCONNECT); may be empty. */
    List<String> onClose();

    /**
     * The reason for people when the server opened the WebSocket but did not complete the protocol's
     * handshake (Socket.IO's namespace connect, STOMP's CONNECTED) within {@code timeout}, the same
     * bound as the WebSocket handshake's.
     */
    String handshakeTimedOut(Duration timeout);

    /** How the connection is kept alive once ready (after the frame that made it ready); {@link KeepAlive#NONE} for none. */
    KeepAlive keepAlive();

    /**
     * What a frame meant.
     *
     * @param messages   for the variable, in order (unreadable ones carry their {@link WireMessage#problem})
     * @param replies    frames to send back at once, in order (Socket.IO's {@code 40}, a pong, STOMP's SUBSCRIBEs)
     * @param ready      this frame completed the protocol's handshake: the connection is open for the
     *                   variable from now on
     * @param refusal    the server refused the conversation in a way a retry will not change (STOMP ERROR
     *                   to CONNECT or SUBSCRIBE, Socket.IO connect error or namespace disconnect); the connection
     *                   is to be closed with this reason for people (1008); null otherwise
     * @param ended      the server ended the conversation in a way a reconnect may mend (Engine.IO close, a STOMP
     *                   ERROR answering our SEND): closed with this reason and reconnected with backoff; null otherwise
     * @param receipts   the receipts of our sends the server confirmed (STOMP RECEIPT)
     * @param refusedSend the receipt of the send the server refused with {@code ended} as the reason; null otherwise
     */
    record Inbound(List<WireMessage> messages, List<String> replies, boolean ready, String refusal, String ended,
                   List<String> receipts, String refusedSend) {

        public static final Inbound NOTHING = new Inbound(List.of(), List.of(), false, null);

        public Inbound {
            messages = List.copyOf(messages);
            replies = List.copyOf(replies);
            receipts = List.copyOf(receipts);
        }

        public Inbound(List<WireMessage> messages, List<String> replies, boolean ready, String refusal) {
            this(messages, replies, ready, refusal, null, List.of(), null);
        }

        public static Inbound messages(List<WireMessage> messages) {
            return new Inbound(messages, List.of(), false, null);
        }

        /** One packet or frame that could not be read, counted as a decode error. */
        public static Inbound unreadable(String raw, String problem) {
            return messages(List.of(WireMessage.unreadable(raw, problem)));
        }

        public static Inbound reply(String frame) {
            return new Inbound(List.of(), List.of(frame), false, null);
        }

        public static Inbound refused(String reason) {
            return new Inbound(List.of(), List.of(), false, reason);
        }

        /** The server ended the conversation; a reconnect may find it willing again. */
        public static Inbound ended(String reason) {
            return new Inbound(List.of(), List.of(), false, null, reason, List.of(), null);
        }
    }

    /**
     * Keep-alive in the protocol (beside the WebSocket pings, which some servers do not answer).
     *
     * @param sendEvery   how often to send {@code frame}; null = we send none of our own
     * @param frame       the heart-beat frame (STOMP's end of line)
     * @param expectWithin the connection is lost when nothing was heard for this long; null = not watched
     * @param silence     the reason for people when it is lost that way (null when not watched)
     */
    record KeepAlive(Duration sendEvery, String frame, Duration expectWithin, String silence) {
        public static final KeepAlive NONE = new KeepAlive(null, null, null, null);
        /** The shortest keep-alive interval taken from a server; shorter (positive) ones are raised to it. */
        public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
        /** The longest keep-alive interval taken from a server; longer ones (or overflowing ones) are cut to it. */
        public static final Duration MAX_INTERVAL = Duration.ofHours(1);

        /** {@code millis} from a server within [{@link #MIN_INTERVAL}, {@link #MAX_INTERVAL}]. */
        public static Duration clamp(long millis) {
            return Duration.ofMillis(Math.min(Math.max(millis, MIN_INTERVAL.toMillis()), MAX_INTERVAL.toMillis()));
        }
    }
}
