package org.socketboard.variable.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.demofeed.DemoFeedRuntime;
import org.socketboard.upstream.UpstreamClient;
import org.socketboard.upstream.domain.Protocol;
import org.socketboard.upstream.protocol.Delivery;
import org.socketboard.upstream.protocol.ProtocolSettings;
import org.socketboard.variable.domain.InsertStrategy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.messaging.support.ChannelInterceptor;
import org.awaitility.Awaitility;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * STOMP variables against the built-in STOMP feed ({@code /feeds/stomp}, Spring's simple broker) on
 * loopback, with heart-beats of 200 ms both ways.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "socketboard.feeds.stomp-heart-beat=200ms")
class StompProtocolTest {

    private static final UpstreamClient CLIENT = UpstreamClient.withDefaults();
    /** WebSocket pings off: only the STOMP heart-beats keep these connections alive. */
    private static final ConnectionLimits LIMITS = new ConnectionLimits(Duration.ofSeconds(10), Duration.ofMillis(500),
            64 * 1024, Duration.ZERO);

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("clientInboundChannel")
    AbstractSubscribableChannel inbound;

    @Autowired
    DemoFeedRuntime feeds;

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2);
    private final List<LiveVariable> variables = new ArrayList<>();
    /** Every STOMP command the server received, in order. */
    private final List<StompCommand> received = new CopyOnWriteArrayList<>();
    private final ChannelInterceptor recorder = new ChannelInterceptor() {
        @Override
        public Message<?> preSend(Message<?> message, MessageChannel channel) {
            StompCommand command = StompHeaderAccessor.wrap(message).getCommand();
            if (command != null) {
                received.add(command);
            }
            return message;
        }
    };

    @BeforeEach
    void listen() {
        inbound.addInterceptor(0, recorder);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (LiveVariable variable : variables) {
            variable.close().get(5, TimeUnit.SECONDS);
        }
        inbound.removeInterceptor(recorder);
        scheduler.shutdownNow();
    }

    private LiveVariable variable(List<String> destinations, String sendTo, Map<String, String> connect, ReconnectPolicy reconnect) {
        var protocol = new ProtocolSettings(Protocol.STOMP, connect, destinations, sendTo, Duration.ofMillis(200));
        var spec = new LiveVariableSpec("stomp", URI.create("ws://127.0.0.1:" + port + "/feeds/stomp"), Map.of(), List.of(), "",
                InsertStrategy.ADD_LAST, 100, null, "", List.of(), reconnect, LIMITS, Set.copyOf(connect.values()),
                null, false, protocol);
        var variable = new LiveVariable(spec, CLIENT, uri -> () -> { }, Clock.systemUTC(), scheduler);
        variables.add(variable);
        return variable;
    }

    private static long opens(LiveVariable variable) {
        return variable.events().stream().filter(event -> event.type() == VariableEvent.Type.OPEN).count();
    }

    /** A server-side interceptor that shows {@code check} every CONNECT (throwing refuses it, as Spring applications do). */
    private static ChannelInterceptor onConnect(Consumer<StompHeaderAccessor> check) {
        return new ChannelInterceptor() {
            @Override
            public Message<?> preSend(Message<?> message, MessageChannel channel) {
                var headers = StompHeaderAccessor.wrap(message);
                if (headers.getCommand() == StompCommand.CONNECT) {
                    check.accept(headers);
                }
                return message;
            }
        };
    }

    /** Waits up to 15 s (the machine is shared); a timeout names the variables' events. */
    private void await(BooleanSupplier condition, String what) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> assertThat(condition.getAsBoolean()).as(() -> what + "; events: "
                        + variables.stream().map(LiveVariable::events).toList() + "; frames: "
                        + variables.stream().map(LiveVariable::frames).toList()).isTrue());
    }

    @Test
    void aVariableSubscribedToTwoDestinationsGetsTheTicksOfBothWithTheirDestinationAsAField() throws Exception {
        var variable = variable(List.of("/topic/prices.ACME", "/topic/prices.GLOBEX"), "", Map.of(), ReconnectPolicy.disabled());

        variable.open();
        await(() -> variable.dataset().snapshot().stream().map(r -> r.path("symbol").asText()).distinct().count() == 2,
                "ticks of both symbols arrived");

        assertThat(variable.dataset().snapshot()).allSatisfy(record -> assertThat(record.path("destination").asText())
                .isEqualTo("/topic/prices." + record.path("symbol").asText()));
        assertThat(variable.dataset().snapshot()).allSatisfy(record -> assertThat(record.path("price").isNumber()).isTrue());
        assertThat(received).containsSubsequence(StompCommand.CONNECT, StompCommand.SUBSCRIBE, StompCommand.SUBSCRIBE);
        assertThat(variable.stats().decodeErrors()).isZero();
    }

    @Test
    void heartBeatsBothWaysKeepAQuietConnectionOpenOverManyIntervals() throws Exception {
        // The echo topic stays silent: only heart-beats cross the wire, and the broker drops a client
        // that sends none within its interval.
        var variable = variable(List.of("/topic/echo"), "", Map.of(), ReconnectPolicy.disabled());
        variable.open();
        await(() -> variable.state() == VariableState.OPEN, "the variable is open");

        Thread.sleep(2_000); // the quiet time is the scenario: many heart-beat intervals must pass

        assertThat(variable.state()).isEqualTo(VariableState.OPEN);
        assertThat(variable.events()).noneMatch(event -> event.type() == VariableEvent.Type.CLOSE
                || event.type() == VariableEvent.Type.ERROR);
    }

    @Test
    void aMessageSentFromTheVariableIsASendToItsDestinationAndIsLoggedAsThatFrame() throws Exception {
        var variable = variable(List.of("/topic/echo"), "/topic/echo", Map.of(), ReconnectPolicy.disabled());
        variable.open();
        await(() -> variable.state() == VariableState.OPEN, "the variable is open");
        await(() -> received.contains(StompCommand.SUBSCRIBE), "the server has the subscription");

        variable.send("{\"note\":\"hello\",\"n\":1}").get(5, TimeUnit.SECONDS);

        await(() -> variable.dataset().size() == 1, "the echo arrived");
        var record = variable.dataset().snapshot().get(0);
        assertThat(record.path("note").asText()).isEqualTo("hello");
        assertThat(record.path("n").asInt()).isEqualTo(1);
        assertThat(record.path("destination").asText()).isEqualTo("/topic/echo");
        assertThat(received).contains(StompCommand.SEND);
        // The inspector's frame log shows the SEND frame as it went on the wire, not the words typed.
        RawFrame sent = variable.frames().stream().filter(frame -> frame.direction() == RawFrame.Direction.OUT)
                .findFirst().orElseThrow();
        assertThat(sent.text()).startsWith("SEND\n").contains("destination:/topic/echo\n", "content-type:application/json\n")
                .endsWith("\n\n{\"note\":\"hello\",\"n\":1}\0");
        assertThat(sent.size()).isEqualTo(sent.text().length());
    }

    @Test
    void anErrorFrameIsTheReasonTheVariableShowsAtTheFirstAttempt() throws Exception {
        // No retry: the feed writes its refusal in order with CONNECTED and heart-beats, so it is never lost.
        var variable = variable(List.of("/topic/nothing-here"), "", Map.of(), ReconnectPolicy.disabled());

        variable.open();
        await(() -> variable.state() == VariableState.CLOSED || variable.state() == VariableState.FAILED,
                "the refused variable ended");

        assertThat(variable.events()).anySatisfy(event -> assertThat(event.detail())
                .contains("The STOMP server sent an ERROR: Unknown destination /topic/nothing-here"));
        assertThat(variable.dataset().size()).as("records from a refused subscription").isZero();
    }

    @Test
    void aSendToADestinationTheServerRefusesFailsWithItsReasonAndTheVariableReconnectsInsteadOfGivingUp() throws Exception {
        var variable = variable(List.of("/topic/echo"), "/topic/prices.ACME", Map.of(), new ReconnectPolicy(true,
                Duration.ofMillis(50), Duration.ofMillis(300), 0));
        variable.open();
        // More refused sends than the attempts after which a refused connection is given up on.
        for (int send = 1; send <= ReconnectPolicy.DEFAULT_PERMANENT_FAILURE_ATTEMPTS + 1; send++) {
            long connections = send;
            await(() -> variable.state() == VariableState.OPEN && opens(variable) == connections, "open (again)");

            assertThat(variable.send("{\"price\":1}")).failsWithin(Duration.ofSeconds(5))
                    .withThrowableOfType(ExecutionException.class)
                    .withMessageEndingWith("The STOMP server refused the message: Clients may send only to /topic/echo");
        }
        await(() -> variable.state() == VariableState.OPEN
                && opens(variable) == ReconnectPolicy.DEFAULT_PERMANENT_FAILURE_ATTEMPTS + 2, "open after the last refusal");
        assertThat(variable.events()).noneMatch(event -> event.detail().startsWith("Gave up"));
        assertThat(variable.events()).filteredOn(event -> event.type() == VariableEvent.Type.RECONNECT)
                .hasSizeGreaterThanOrEqualTo(ReconnectPolicy.DEFAULT_PERMANENT_FAILURE_ATTEMPTS + 1);
    }

    @Test
    void aSendTheFeedTakesIsConfirmedByItsReceipt() throws Exception {
        var variable = variable(List.of("/topic/echo"), "/topic/echo", Map.of(), ReconnectPolicy.disabled());
        variable.open();
        await(() -> variable.state() == VariableState.OPEN, "the variable is open");

        assertThat(variable.send("{\"n\":1}").get(5, TimeUnit.SECONDS)).isEqualTo(Delivery.CONFIRMED);
    }

    @Test
    void closingUnsubscribesAndDisconnectsBeforeTheWebSocketCloses() throws Exception {
        var variable = variable(List.of("/topic/prices.ACME", "/topic/echo"), "", Map.of(), ReconnectPolicy.disabled());
        variable.open();
        await(() -> variable.dataset().size() > 0, "a tick arrived");

        variable.close().get(5, TimeUnit.SECONDS);

        await(() -> received.contains(StompCommand.DISCONNECT), "the server heard DISCONNECT");
        // Spring adds a DISCONNECT of its own when the WebSocket closes: ours comes first.
        assertThat(received.subList(received.indexOf(StompCommand.UNSUBSCRIBE), received.size()))
                .startsWith(StompCommand.UNSUBSCRIBE, StompCommand.UNSUBSCRIBE, StompCommand.DISCONNECT);
    }

    @Test
    void theLoginAndPasscodeGoInConnectAndTheirValuesAreMaskedInTheFrameLog() throws Exception {
        List<String> logins = new CopyOnWriteArrayList<>();
        ChannelInterceptor connects = onConnect(headers -> logins.add(headers.getLogin() + "/" + headers.getPasscode()));
        inbound.addInterceptor(connects);
        try {
            var variable = variable(List.of("/topic/prices.ACME"), "", Map.of("login", "feeder", "passcode", "s3cret-pass"),
                    ReconnectPolicy.disabled());
            variable.open();
            await(() -> variable.dataset().size() > 0, "a tick arrived");

            assertThat(logins).containsExactly("feeder/s3cret-pass");
            assertThat(variable.frames()).noneMatch(frame -> frame.text().contains("s3cret-pass"));
        } finally {
            inbound.removeInterceptor(connects);
        }
    }
    @Test
    void whenTheServerDropsTheConnectionTheVariableReconnectsAndSubscribesToEveryDestinationAgain() throws Exception {
        var variable = variable(List.of("/topic/prices.ACME", "/topic/prices.GLOBEX"), "", Map.of(), new ReconnectPolicy(true,
                Duration.ofMillis(50), Duration.ofMillis(300), 0, ReconnectPolicy.DEFAULT_STABLE_AFTER, 20));
        variable.open();
        await(() -> variable.dataset().size() > 0, "a tick arrived");

        int before = received.size();
        // The feeds going down close every feed connection (1001), as a restarting server does.
        feeds.stop();
        feeds.start();
        await(() -> variable.events().stream().anyMatch(event -> event.type() == VariableEvent.Type.RECONNECT)
                && variable.state() == VariableState.OPEN, "the variable reconnected");
        int recordsBefore = variable.dataset().size();

        await(() -> variable.dataset().snapshot().subList(recordsBefore, variable.dataset().size()).stream()
                .map(record -> record.path("symbol").asText()).distinct().count() == 2, "ticks of both symbols arrived again");
        assertThat(received.subList(before, received.size()))
                .containsSubsequence(StompCommand.CONNECT, StompCommand.SUBSCRIBE, StompCommand.SUBSCRIBE);
    }

    @Test
    void aConnectTheServerRefusesForItsCredentialsEndsWithTheServersReasonWithTheSecretMasked() throws Exception {
        ChannelInterceptor credentials = onConnect(headers -> {
            if (!"right-pass".equals(headers.getPasscode())) {
                // What a Spring application's security interceptor does with bad credentials.
                throw new MessageDeliveryException("Bad credentials: passcode " + headers.getPasscode() + " refused");
            }
        });
        inbound.addInterceptor(credentials);
        try {
            var variable = variable(List.of("/topic/prices.ACME"), "", Map.of("login", "feeder", "passcode", "wrong-pass"),
                    ReconnectPolicy.disabled());
            variable.open();

            await(() -> variable.state() == VariableState.CLOSED || variable.state() == VariableState.FAILED,
                    "the refused variable ended");
            assertThat(variable.events()).anySatisfy(event -> assertThat(event.detail())
                    .isEqualTo("The STOMP server sent an ERROR: Bad credentials: passcode •••• refused"));
            assertThat(variable.events()).noneMatch(event -> event.detail().contains("wrong-pass"));
            assertThat(variable.dataset().size()).isZero();
        } finally {
            inbound.removeInterceptor(credentials);
        }
    }
}
