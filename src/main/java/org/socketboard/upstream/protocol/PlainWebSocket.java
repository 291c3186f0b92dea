package org.socketboard.upstream.protocol;

import org.socketboard.upstream.domain.UpstreamReason;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** RFC 6455 only: every text frame is one message, sent messages go out as they are. */
public final class PlainWebSocket implements WireProtocol {

    @Override
    public URI address(URI configured) {
        return configured;
    }

    @Override
    public List<String> subprotocols(List<String> configured) {
        return configured;
    }

    @Override
    public List<String> onOpen(URI uri) {
        return List.of();
    }

    @Override
    public Inbound onFrame(String frame) {
        return Inbound.messages(List.of(new WireMessage(frame, "", null)));
    }

    @Override
    public String send(String message) {
        return message;
    }

    @Override
    public List<String> onClose() {
        return List.of();
    }

    @Override
    public KeepAlive keepAlive() {
        return KeepAlive.NONE;
    }

    /** Never asked: plain WebSocket is ready when the WebSocket is open. */
    @Override
    public String handshakeTimedOut(Duration timeout) {
        return "The server did not complete the handshake within " + UpstreamReason.duration(timeout);
    }
}
