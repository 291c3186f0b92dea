package org.socketboard.upstream;

import org.socketboard.upstream.protocol.WireMessage;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * What a {@link UpstreamConnection} reports, on the connection's thread, one call at a time. Every
 * connection attempt ends with exactly one {@link #onClose}, after any {@link #onError}.
 */
public interface ConnectionListener {

    /** The handshake (and the protocol's, if any) succeeded; sending is possible from now on. */
    void onOpen(UpstreamConnection connection);

    /** A whole text message (fragments already joined). The next one is requested after this returns. */
    void onText(String message);

    /** A whole binary message, a copy the listener may keep. */
    void onBinary(ByteBuffer message);

    /**
     * The messages a protocol (Socket.IO, STOMP) took out of one frame; only after {@link #onOpen}.
     *
     * @param frame the whole frame as it came, for the frame log
     */
    void onMessages(String frame, List<WireMessage> messages);

    /** Something went wrong; {@code reason} is meant for people. */
    void onError(String reason, Throwable cause);

    /** The connection is over: the close code (1006 when it broke without a close frame) and reason. */
    void onClose(int code, String reason);
}
