package org.socketboard.upstream.protocol;

import org.socketboard.upstream.domain.Protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sample pasted as the protocol's own frames, as a browser's network panel shows them, read as the
 * messages a variable gets from them: Socket.IO event packets ({@code 42["tick",{…}]}, one per line) and
 * STOMP MESSAGE frames (the closing NUL may be missing), each becoming its payload with the protocol's
 * field ({@code event}, {@code destination}), as {@link WireMessage#asSample()}.
 */
public final class SampleFrames {

    private SampleFrames() {
    }

    /**
     * @return the messages, one document per line (newline-delimited), or empty when {@code sample} is
     *         not made of the protocol's message frames (then it is read as it is)
     */
    public static Optional<String> messages(Protocol protocol, String sample) {
        if (sample == null || protocol == null) {
            return Optional.empty();
        }
        String text = sample.strip();
        return switch (protocol) {
            case WEBSOCKET -> Optional.empty();
            case SOCKET_IO -> socketIoEvents(text);
            case STOMP -> stompMessages(text);
        };
    }

    private static Optional<String> socketIoEvents(String text) {
        if (!text.startsWith("42")) {
            return Optional.empty();
        }
        List<String> documents = new ArrayList<>();
        for (String line : text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList()) {
            List<WireMessage> messages = read(Protocol.SOCKET_IO, line);
            if (!line.startsWith("42") || messages.isEmpty() || messages.stream().anyMatch(m -> m.problem() != null)) {
                return Optional.empty();
            }
            messages.forEach(message -> documents.add(message.asSample()));
        }
        return Optional.of(String.join("\n", documents));
    }

    private static Optional<String> stompMessages(String text) {
        if (!text.startsWith("MESSAGE\n") && !text.startsWith("MESSAGE\r\n")) {
            return Optional.empty();
        }
        List<WireMessage> messages = read(Protocol.STOMP, text.endsWith("\0") ? text : text + "\0");
        return messages.isEmpty() || messages.stream().anyMatch(m -> m.problem() != null) ? Optional.empty()
                : Optional.of(String.join("\n", messages.stream().map(WireMessage::asSample).toList()));
    }

    private static List<WireMessage> read(Protocol protocol, String frames) {
        return new ProtocolSettings(protocol, Map.of(), List.of(), "", null).start().onFrame(frames).messages();
    }
}
