package org.socketboard.upstream.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketboard.upstream.domain.Protocol;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frame by frame, without sockets: what STOMP makes of unusable {@code content-length}s and declared
 * charsets, and when a STOMP ERROR or a Socket.IO connect error is a refusal and when the end of a session.
 */
class ProtocolBodiesAndEndsTest {

    private static final String CONNECTED = "CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0";
    private static final String HEADERS = "MESSAGE\ndestination:/topic/a\nsubscription:sub-0\nmessage-id:1\n";
    private static final String GOOD = HEADERS + "content-type:application/json\n\n{\"price\":1}\0";
    private static final String OPEN = "0{\"sid\":\"a\",\"pingInterval\":25000,\"pingTimeout\":20000}";

    private static WireProtocol connectedStomp() {
        WireProtocol stomp = new ProtocolSettings(Protocol.STOMP, Map.of(), List.of("/topic/a"), "", null).start();
        assertThat(stomp.onFrame(CONNECTED).ready()).isTrue();
        return stomp;
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "abc", "", " 11", "0x0b", "99999999999", "4194305", "2000000000", "100"})
    void anUnusableContentLengthIsOneUnreadableMessageInPlainWordsAndTheNextFrameIsStillRead(String length) {
        WireProtocol stomp = connectedStomp();

        var bad = stomp.onFrame(HEADERS + "content-length:" + length + "\n\n{\"price\":2}\0");
        var next = stomp.onFrame(GOOD);

        assertThat(bad.messages()).singleElement().satisfies(message -> assertThat(message.problem())
                .startsWith("A STOMP frame could not be read: The content-length of a MESSAGE frame ")
                .doesNotContain("Exception", "java", "Integer"));
        assertThat(bad.refusal()).isNull();
        assertThat(next.messages()).singleElement().satisfies(message -> {
            assertThat(message.problem()).isNull();
            assertThat(message.body()).isEqualTo("{\"price\":1}");
        });
    }

    @Test
    void aContentLengthThatFitsIsUsed() {
        var read = connectedStomp().onFrame(HEADERS + "content-length:11\n\n{\"price\":3}\0");

        assertThat(read.messages()).singleElement().satisfies(message -> assertThat(message.body()).isEqualTo("{\"price\":3}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ISO-8859-1", "UTF-16", "UTF-16LE", "windows-1252"})
    void aBinaryMessageBodyIsReadInTheCharsetItsContentTypeNames(String charset) {
        String body = "{\"city\":\"Zürich\",\"note\":\"café\"}";
        byte[] encoded = body.getBytes(Charset.forName(charset));
        // UTF-16 bodies hold NUL bytes: their length tells where they end, as STOMP 1.2 asks.
        byte[] head = (HEADERS + "content-type:application/json;charset=" + charset + "\ncontent-length:" + encoded.length
                + "\n\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer frame = ByteBuffer.allocate(head.length + encoded.length + 1).put(head).put(encoded).put((byte) 0).flip();

        var read = connectedStomp().onBinaryFrame(frame);

        assertThat(read.messages()).singleElement().satisfies(message -> {
            assertThat(message.problem()).isNull();
            assertThat(message.body()).isEqualTo(body);
        });
    }

    @Test
    void aTextMessageBodyIsTheTextThatCameWhateverCharsetItNames() {
        var read = connectedStomp().onFrame(HEADERS + "content-type:application/json;charset=ISO-8859-1\n\n{\"city\":\"Zürich\"}\0");

        assertThat(read.messages()).singleElement().satisfies(message -> assertThat(message.body()).isEqualTo("{\"city\":\"Zürich\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-such-charset", "@@", "x-unknown-8"})
    void anUnknownCharsetIsAnUnreadableMessageInPlainWords(String charset) {
        byte[] frame = (HEADERS + "content-type:application/json;charset=" + charset + "\n\n{}\0").getBytes(StandardCharsets.UTF_8);

        var read = connectedStomp().onBinaryFrame(ByteBuffer.wrap(frame));

        assertThat(read.messages()).singleElement().satisfies(message -> assertThat(message.problem())
                .contains("names the character set \"" + charset + "\", which is not known here")
                .doesNotContain("Exception", "java"));
    }

    @Test
    void aStompErrorBeforeAnyMessageIsARefusal() {
        var read = connectedStomp().onFrame("ERROR\nmessage:Unknown destination\n\n\0");

        assertThat(read.refusal()).isEqualTo(Stomp.ERROR_PREFIX + "Unknown destination");
        assertThat(read.ended()).isNull();
    }

    @Test
    void aStompErrorAfterMessagesEndsTheSessionInsteadOfRefusingIt() {
        WireProtocol stomp = connectedStomp();
        stomp.onFrame(GOOD);

        var read = stomp.onFrame("ERROR\nmessage:Broker shutting down\n\n\0");

        assertThat(read.refusal()).isNull();
        assertThat(read.ended()).isEqualTo(Stomp.ERROR_PREFIX + "Broker shutting down");
    }

    @Test
    void aStompErrorInTheSameWebSocketMessageAsAMessageEndsTheSessionAndKeepsTheMessage() {
        var read = connectedStomp().onFrame(GOOD + "ERROR\nmessage:Queue deleted\n\n\0");

        assertThat(read.messages()).hasSize(1);
        assertThat(read.refusal()).isNull();
        assertThat(read.ended()).isEqualTo(Stomp.ERROR_PREFIX + "Queue deleted");
    }

    private static WireProtocol connectedSocketIo() {
        WireProtocol socketIo = new ProtocolSettings(Protocol.SOCKET_IO, Map.of(), List.of(), "", null).start();
        socketIo.onFrame(OPEN);
        assertThat(socketIo.onFrame("40{\"sid\":\"b\"}").ready()).isTrue();
        return socketIo;
    }

    @Test
    void aSocketIoConnectErrorBeforeAnyEventIsARefusal() {
        var read = connectedSocketIo().onFrame("44{\"message\":\"Not authorized\"}");

        assertThat(read.refusal()).isEqualTo("The Socket.IO server refused the connection: Not authorized");
        assertThat(read.ended()).isNull();
    }

    @Test
    void aSocketIoConnectErrorAfterEventsEndsTheSessionInsteadOfRefusingIt() {
        WireProtocol socketIo = connectedSocketIo();
        socketIo.onFrame("42[\"tick\",{\"price\":1}]");

        var read = socketIo.onFrame("44{\"message\":\"Session expired\"}");

        assertThat(read.refusal()).isNull();
        assertThat(read.ended()).isEqualTo("The Socket.IO server ended the connection: Session expired");
    }
}
