package org.socketboard.upstream.protocol;

import org.junit.jupiter.api.Test;
import org.socketboard.testsupport.HostileStrings;
import org.socketboard.upstream.domain.Protocol;
import org.socketboard.upstream.domain.UpstreamReason;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a STOMP ERROR or a Socket.IO connect error says becomes a reason only as one clean line. */
class ServerWordsAsReasonTest {

    private static final String HOSTILE = "java.lang.SecurityException: " + HostileStrings.DIRECTION_MARKS
            + " " + HostileStrings.IMG_ONERROR + "\n\tat com.acme.Auth.check(Auth.java:42)";
    private static final String CLEAN = "txt.exe right left iso " + HostileStrings.IMG_ONERROR;

    @Test
    void aStompErrorMessageHeaderIsTheReasonAsOneCleanLine() {
        WireProtocol stomp = new ProtocolSettings(Protocol.STOMP, Map.of(), List.of("/topic/a"), "", null).start();

        // Header values escape a line break as \n (STOMP 1.2); the decoder gives it back.
        String reason = stomp.onFrame("ERROR\nmessage:" + HOSTILE.replace("\n", "\\n") + "\n\n\0").refusal();

        assertThat(reason).isEqualTo(Stomp.ERROR_PREFIX + CLEAN);
    }

    @Test
    void aStompErrorWithoutMessageHeaderGivesItsBodysFirstLineCut() {
        WireProtocol stomp = new ProtocolSettings(Protocol.STOMP, Map.of(), List.of("/topic/a"), "", null).start();

        String reason = stomp.onFrame("ERROR\ncontent-type:text/plain\n\n\n" + "w".repeat(300) + "\nstack\0").refusal();

        assertThat(reason).isEqualTo(Stomp.ERROR_PREFIX + "w".repeat(UpstreamReason.LIMIT - 1) + "…");
    }

    @Test
    void aSocketIoConnectErrorMessageIsTheReasonAsOneCleanLine() {
        WireProtocol socketIo = new ProtocolSettings(Protocol.SOCKET_IO, Map.of(), List.of(), "", null).start();
        socketIo.onFrame("0{\"sid\":\"a\",\"pingInterval\":25000,\"pingTimeout\":20000}");

        String json = HOSTILE.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t");
        String reason = socketIo.onFrame("44{\"message\":\"" + json + "\"}").refusal();

        assertThat(reason).isEqualTo("The Socket.IO server refused the connection: " + CLEAN);
    }

    @Test
    void aSocketIoConnectErrorWithNothingReadableSaysSo() {
        WireProtocol socketIo = new ProtocolSettings(Protocol.SOCKET_IO, Map.of(), List.of(), "", null).start();

        assertThat(socketIo.onFrame("44{\"message\":\"\\u202e\\u0000\"}").refusal())
                .isEqualTo("The Socket.IO server refused the connection: no reason given");
    }
}
