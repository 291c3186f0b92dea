package org.socketboard.upstream.protocol;

import org.junit.jupiter.api.Test;
import org.socketboard.upstream.domain.Protocol;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Keep-alive values a server asks for, taken within 100 ms – 1 h without overflow, or refused in plain words. */
class KeepAliveBoundsTest {

    private static WireProtocol socketIo() {
        WireProtocol wire = new ProtocolSettings(Protocol.SOCKET_IO, Map.of(), List.of(), null, null).start();
        wire.address(URI.create("ws://localhost/socket.io/"));
        return wire;
    }

    private static WireProtocol.Inbound open(WireProtocol wire, String interval, String timeout) {
        return wire.onFrame("0{\"sid\":\"x\",\"upgrades\":[],\"pingInterval\":" + interval + ",\"pingTimeout\":" + timeout
                + ",\"maxPayload\":1000000}");
    }

    private static WireProtocol.Inbound connected(WireProtocol stomp, String heartBeat) {
        stomp.onOpen(URI.create("ws://localhost/stomp"));
        return stomp.onFrame("CONNECTED\nversion:1.2\nheart-beat:" + heartBeat + "\n\n\0");
    }

    private static WireProtocol stomp(Duration ours) {
        return new ProtocolSettings(Protocol.STOMP, Map.of(), List.of("/topic/a"), null, ours).start();
    }

    @Test
    void aSocketIoPingIntervalTooLargeForALongIsCutToAnHourWithoutOverflow() {
        WireProtocol wire = socketIo();

        assertThat(open(wire, "9223372036854775807", "20000").refusal()).isNull();

        assertThat(wire.keepAlive().expectWithin()).isEqualTo(Duration.ofHours(1).plusSeconds(20));
        assertThat(wire.keepAlive().silence()).isEqualTo("No ping from the Socket.IO server within 3620000 ms");
    }

    @Test
    void aSocketIoPingIntervalBeyondEvenALongIsCutToAnHour() {
        WireProtocol wire = socketIo();

        open(wire, "99999999999999999999999", "99999999999999999999999");

        assertThat(wire.keepAlive().expectWithin()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aTinySocketIoPingIntervalIsRaisedToTheMinimum() {
        WireProtocol wire = socketIo();

        open(wire, "1", "1");

        assertThat(wire.keepAlive().expectWithin()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aSocketIoOpenPacketWithANegativeOrZeroIntervalIsRefusedInPlainWords() {
        assertThat(open(socketIo(), "-5", "20000").refusal())
                .isEqualTo("The Socket.IO server's open packet asks for pingInterval -5 and pingTimeout 20000 ms;"
                        + " both must be positive numbers");
        assertThat(open(socketIo(), "25000", "0").refusal()).contains("pingTimeout 0");
        assertThat(open(socketIo(), "\"soon\"", "20000").refusal()).contains("pingInterval \"soon\"");
    }

    @Test
    void aStompHeartBeatTooLargeToDoubleIsCutToAnHourEachWay() {
        WireProtocol wire = stomp(Duration.ofSeconds(10));

        assertThat(connected(wire, "9223372036854775807,0").refusal()).isNull();

        assertThat(wire.keepAlive().expectWithin()).isEqualTo(Duration.ofHours(2));
        assertThat(wire.keepAlive().sendEvery()).isNull();
        assertThat(wire.keepAlive().silence()).isEqualTo("No heart-beat from the STOMP server within 7200000 ms");
    }

    @Test
    void aStompHeartBeatHeaderThatIsNotTwoNumbersIsRefusedInPlainWords() {
        assertThat(connected(stomp(Duration.ofSeconds(10)), "x,y").refusal())
                .isEqualTo("The STOMP server's heart-beat header is not two numbers: x,y");
        assertThat(connected(stomp(Duration.ofSeconds(10)), "-1,5").refusal()).contains("not two numbers: -1,5");
        assertThat(connected(stomp(Duration.ofSeconds(10)), "5000").refusal()).contains("not two numbers: 5000");
    }

    @Test
    void theHandshakeTimeoutReasonsNameTheProtocolsStep() {
        WireProtocol socketIo = new ProtocolSettings(Protocol.SOCKET_IO, Map.of(), List.of(), null, null).start();
        socketIo.address(URI.create("ws://localhost/socket.io/admin"));

        assertThat(socketIo.handshakeTimedOut(Duration.ofSeconds(10)))
                .isEqualTo("The Socket.IO server did not confirm the connection to namespace /admin within 10 s");
        assertThat(stomp(Duration.ZERO).handshakeTimedOut(Duration.ofMillis(1500)))
                .isEqualTo("The STOMP server did not answer CONNECT within 1.5 s");
    }
}
