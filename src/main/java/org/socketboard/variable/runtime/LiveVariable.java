package org.socketboard.variable.runtime;

import org.socketboard.upstream.ConnectionListener;
import org.socketboard.upstream.UpstreamConnection;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socketboard.live.Subscription;
import org.socketboard.security.Redactor;
import org.socketboard.upstream.HandshakeFailedException;
import org.socketboard.upstream.UpstreamClient;
import org.socketboard.upstream.protocol.Delivery;
import org.socketboard.upstream.protocol.SendRefusedException;
import org.socketboard.upstream.protocol.WireMessage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A variable at run time: one upstream connection at a time, its messages decoded, filtered
 * ({@link MessageSelector}), cut into records ({@link RecordExtractor}) and kept in a {@link BoundedDataset}; open/close/send with vetoable events, send-on-open after
 * every (re)connection, automatic reconnection with backoff, counters and inspector logs.
 *
 * <p>Threads: messages arrive on the connection's thread, one at a time, and are the dataset's only
 * writer. Lifecycle changes (user calls, connection callbacks, reconnect timers) are serialized by a
 * lock; state listeners are called under it, in order, and must not block.
 */
public final class LiveVariable {

    public static final int EVENT_LOG_SIZE = 100;
    public static final int FRAME_LOG_SIZE = 200;
    /** Sent frames kept apart: at 20 msg/s the frame log holds 10 s, and a user's sent frame must not scroll away. */
    public static final int SENT_FRAME_LOG_SIZE = 50;
    public static final int FRAME_TEXT_LIMIT = 4 * 1024;
    /** The reason {@link #close()} gives. */
    public static final String CLOSED_BY_USER = "Closed by user";
    private static final int RATE_WINDOW_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(LiveVariable.class);
    private static final ObjectMapper OBJECT_WRITER = JsonMapper.builder().findAndAddModules().build();

    private final LiveVariableSpec spec;
    private final UpstreamClient client;
    private final ConnectGuard guard;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final MessageDecoder decoder;
    private final MessageSelector selector;
    private final RecordExtractor extractor;
    private final BoundedDataset dataset;
    private final UpstreamConnection.Settings settings;

    private final CopyOnWriteArrayList<VariableListener> listeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<VariableState>> stateListeners = new CopyOnWriteArrayList<>();
    private final BoundedLog<VariableEvent> events = new BoundedLog<>(EVENT_LOG_SIZE);
    private final BoundedLog<RawFrame> frames = new BoundedLog<>(FRAME_LOG_SIZE);
    private final BoundedLog<RawFrame> sentFrames = new BoundedLog<>(SENT_FRAME_LOG_SIZE);
    private final MessageRate rate = new MessageRate(RATE_WINDOW_SECONDS);
    private final AtomicLong framesReceived = new AtomicLong();
    private final AtomicLong messagesReceived = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong decodeErrors = new AtomicLong();
    private final AtomicLong filteredOut = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    private final Object lifecycle = new Object();
    // Guarded by lifecycle.
    private VariableState state = VariableState.CLOSED;
    private UpstreamConnection connection;
    /** The guard's admission of the current connection or mirror; null while there is neither. */
    private ConnectGuard.Permit admitted;
    /** Set while another server instance holds the connection and this one mirrors it. */
    private ConnectGuard.Mirror mirror;
    private ScheduledFuture<?> reconnectTimer;
    /** When the scheduled reconnect runs (meaningful while reconnectTimer is set). */
    private Instant reconnectDue;
    private int failedAttempts;
    /** Refusals in a row that will not change on retry (see ReconnectPolicy.isPermanentClose). */
    private int permanentRefusals;
    /** Why the variable gave up, shown with FAILED; null otherwise. */
    private String failure;
    private Instant openedAt;
    private boolean closedByUser = true;
    /** When each reconnect attempt started, for "reconnects in the last minute". */
    private final Deque<Instant> recentReconnects = new ArrayDeque<>();

    /**
     * @param client    shared by all variables
     * @param guard     asked before every connect and reconnect
     * @param scheduler runs reconnect timers and keep-alive pings; owned by the caller
     * @throws IllegalArgumentException with a reason for people when the spec cannot work
     */
    public LiveVariable(LiveVariableSpec spec, UpstreamClient client, ConnectGuard guard, Clock clock,
                        ScheduledExecutorService scheduler) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.client = Objects.requireNonNull(client, "client");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.decoder = new MessageDecoder(spec.limits().maxMessageSize(), MessageDecoder.DEFAULT_MAX_NESTING_DEPTH);
        this.selector = MessageSelector.compile(spec.filter());
        this.extractor = new RecordExtractor(spec.recordPath(), spec.arrayRecords());
        this.dataset = new BoundedDataset(spec.strategy(), spec.limit(), spec.upsertKey());
        ConnectionLimits limits = spec.limits();
        this.settings = new UpstreamConnection.Settings(spec.uri(), spec.headers(), spec.subprotocols(),
                limits.openTimeout(), limits.closeTimeout(), limits.maxMessageSize(), limits.pingInterval(), spec.protocol());
        List<String> onOpen = spec.sendOnOpen();
        for (int i = 0; i < onOpen.size(); i++) {
            String problem = problemWith(onOpen.get(i));
            if (problem != null) {
                throw new IllegalArgumentException("Message " + (i + 1) + " to send on open: " + problem);
            }
        }
        String bodyProblem = problemWith(spec.requestBody());
        if (bodyProblem != null) {
            throw new IllegalArgumentException("The request body: " + bodyProblem);
        }
    }

    /**
     * Why a message would be refused before sending, or null: text that looks like JSON (or XML)
     * but does not parse, or one over the size limit.
     */
    public String problemWith(String message) {
        DecodeResult check = decoder.decodeText(message);
        return check.isDecoded() ? null : check.error();
    }

    public LiveVariableSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    // ---- lifecycle -------------------------------------------------------------------------------

    /**
     * Connects unless a listener vetoes or it is already open or connecting.
     *
     * @return false if vetoed
     */
    public boolean open() {
        Veto veto = new Veto();
        fire(l -> l.beforeOpen(this, veto));
        record(VariableEvent.Type.BEFORE_OPEN, veto.isVetoed() ? "vetoed: " + veto.reason() : spec.uri().toString());
        if (veto.isVetoed()) {
            return false;
        }
        String refusal;
        synchronized (lifecycle) {
            if (state == VariableState.OPEN || state == VariableState.CONNECTING || state == VariableState.RECONNECTING) {
                return true;
            }
            closedByUser = false;
            failedAttempts = 0;
            permanentRefusals = 0;
            failure = null;
            setState(VariableState.CONNECTING);
            refusal = connect();
        }
        reportRefusal(refusal);
        return true;
    }

    /**
     * Caller holds lifecycle. Asks the guard, then connects; the connection reports back through
     * {@link Events}. A refused attempt counts as a failed one: retried as the reconnect policy says,
     * else FAILED.
     *
     * @return why the guard refused, or null when connecting
     */
    private String connect() {
        reconnectTimer = null;
        ConnectGuard.Permit permit;
        try {
            permit = guard.admit(spec.uri());
        } catch (RuntimeException refused) {
            String reason = masked("Not connected: " + refused.getMessage());
            record(VariableEvent.Type.ERROR, reason);
            if (!scheduleReconnect()) {
                fail(reason);
            }
            return reason;
        }
        admitted = permit;
        if (permit instanceof ConnectGuard.Mirror mirrored) {
            mirror(mirrored);
            return null;
        }
        Events events = new Events(permit);
        connection = new UpstreamConnection(client, settings, scheduler, events);
        events.source = connection;
        connection.open();
        return null;
    }

    /**
     * Caller holds lifecycle. Another instance holds the connection: OPEN without one of our own, the
     * mirror feeding the dataset, until it hands the connection over.
     */
    private void mirror(ConnectGuard.Mirror mirrored) {
        mirror = mirrored;
        openedAt = clock.instant();
        setState(VariableState.OPEN);
        record(VariableEvent.Type.OPEN, "mirroring the connection of " + mirrored.holder().orElse("another instance"));
        mirrored.start(dataset, () -> takeOver(mirrored));
    }

    /** The mirrored instance let go of the connection: connect here (the guard decides again). */
    private void takeOver(ConnectGuard.Mirror from) {
        String refusal;
        synchronized (lifecycle) {
            if (mirror != from || closedByUser) {
                return;
            }
            endMirror();
            setState(VariableState.CONNECTING);
            refusal = connect();
        }
        reportRefusal(refusal);
    }

    /** Caller holds lifecycle. */
    private void endMirror() {
        if (mirror != null) {
            mirror.close();
            mirror = null;
            admitted = null;
        }
    }

    /** Tells the listeners, outside the lifecycle lock, why the guard refused (nothing when it did not). */
    private void reportRefusal(String refusal) {
        if (refusal != null) {
            fire(l -> l.error(this, refusal));
        }
    }

    /** {@link #close(String)} with the reason "Closed by user". */
    public CompletableFuture<Void> close() {
        return close(CLOSED_BY_USER);
    }

    /**
     * Closes the connection (code 1000, {@code reason} in the close frame and the event log) and
     * cancels any pending reconnect, unless a listener vetoes.
     *
     * @param reason plain words, at most 123 bytes in UTF-8 (RFC 6455 5.5.1), e.g. "No viewers"
     * @return completes once the connection is gone (at the latest after the close timeout); failed
     *         with the reason if vetoed
     */
    public CompletableFuture<Void> close(String reason) {
        Veto veto = new Veto();
        fire(l -> l.beforeClose(this, veto));
        record(VariableEvent.Type.BEFORE_CLOSE, veto.isVetoed() ? "vetoed: " + veto.reason() : reason);
        if (veto.isVetoed()) {
            return CompletableFuture.failedFuture(new IllegalStateException(veto.reason()));
        }
        UpstreamConnection closing;
        synchronized (lifecycle) {
            closedByUser = true;
            cancelReconnect();
            endMirror();
            closing = connection;
            setState(VariableState.CLOSED);
        }
        if (closing == null) {
            return CompletableFuture.completedFuture(null);
        }
        closing.close(UpstreamConnection.NORMAL_CLOSURE, reason);
        return closing.whenEnded();
    }

    private void cancelReconnect() {
        if (reconnectTimer != null) {
            reconnectTimer.cancel(false);
            reconnectTimer = null;
        }
    }

    /** Calls every listener; one that throws is logged and skipped, never breaks the feed. */
    private void fire(Consumer<VariableListener> event) {
        for (VariableListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                log.warn("A listener of variable {} failed", spec.name(), e);
            }
        }
    }

    /** Caller holds lifecycle. */
    private void setState(VariableState next) {
        if (state == next) {
            return;
        }
        state = next;
        for (Consumer<VariableState> listener : stateListeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                log.warn("A state listener of variable {} failed", spec.name(), e);
            }
        }
    }

    private void connectionOpened(UpstreamConnection opened) {
        synchronized (lifecycle) {
            if (opened != connection) {
                return;
            }
            // The backoff is not reset here: only a connection that stays up (stableAfter) earns that.
            openedAt = clock.instant();
            setState(VariableState.OPEN);
        }
        record(VariableEvent.Type.OPEN, opened.subprotocol().isEmpty() ? "" : "subprotocol " + opened.subprotocol());
        fire(l -> l.open(this));
        for (String message : spec.sendOnOpen()) {
            sendOn(opened, message);
        }
    }

    /**
     * @param permanentRefusal why the handshake was refused in a way that will not change on retry, or null
     */
    private void connectionClosed(UpstreamConnection ended, int code, String reason, String permanentRefusal) {
        synchronized (lifecycle) {
            if (ended != connection) {
                return;
            }
            connection = null;
            admitted = null;
            record(VariableEvent.Type.CLOSE, code + (reason == null || reason.isEmpty() ? "" : " " + reason));
            ReconnectPolicy policy = spec.reconnect();
            Instant now = clock.instant();
            if (openedAt != null && Duration.between(openedAt, now).compareTo(policy.stableAfter()) >= 0) {
                failedAttempts = 0;
                permanentRefusals = 0;
            }
            openedAt = null;
            String refusal = permanentRefusal != null ? permanentRefusal
                    : ReconnectPolicy.isPermanentClose(code) ? "the server closed with " + code
                    + (reason == null || reason.isEmpty() ? "" : " " + reason) : null;
            permanentRefusals = refusal == null ? 0 : permanentRefusals + 1;
            if (closedByUser) {
                setState(VariableState.CLOSED);
            } else if (refusal != null && permanentRefusals >= policy.permanentFailureAttempts()) {
                String gaveUp = masked("Gave up after " + permanentRefusals + " attempts: " + refusal
                        + " (this will not change on retry; open the variable again to retry)");
                record(VariableEvent.Type.ERROR, gaveUp);
                fail(gaveUp);
            } else if (!scheduleReconnect()) {
                // A clean close by the server is not a failure; anything else with no retry left is.
                boolean clean = code == UpstreamConnection.NORMAL_CLOSURE && failedAttempts == 0;
                if (clean) {
                    setState(VariableState.CLOSED);
                } else {
                    fail(masked(code + (reason == null || reason.isEmpty() ? "" : " " + reason)));
                }
            }
        }
        fire(l -> l.close(this, code, reason));
    }

    /** Caller holds lifecycle. Gives up with the reason shown beside FAILED. */
    private void fail(String reason) {
        failure = reason;
        setState(VariableState.FAILED);
    }

    /** Caller holds lifecycle. Schedules the next attempt when the reconnect policy allows one. */
    private boolean scheduleReconnect() {
        int attempt = failedAttempts + 1;
        if (!spec.reconnect().allows(attempt)) {
            return false;
        }
        failedAttempts = attempt;
        Duration delay = spec.reconnect().delayBefore(attempt, ThreadLocalRandom.current().nextDouble());
        setState(VariableState.RECONNECTING);
        reconnectDue = clock.instant().plus(delay);
        reconnectTimer = scheduler.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
        record(VariableEvent.Type.RECONNECT, "attempt " + attempt + " in " + delay.toMillis() + " ms");
        return true;
    }

    private void reconnect() {
        String refusal;
        synchronized (lifecycle) {
            if (closedByUser || state != VariableState.RECONNECTING || connection != null) {
                return;
            }
            reconnects.incrementAndGet();
            recentReconnects.addLast(clock.instant());
            refusal = connect();
        }
        reportRefusal(refusal);
    }

    // ---- sending ---------------------------------------------------------------------------------

    /** Sends the spec's request body. */
    public CompletableFuture<Delivery> send() {
        if (spec.requestBody().isBlank()) {
            return CompletableFuture.failedFuture(new IllegalStateException("The variable has no request body to send"));
        }
        return send(spec.requestBody());
    }

    /** Sends a value as JSON. */
    public CompletableFuture<Delivery> send(Object value) {
        try {
            return send(OBJECT_WRITER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("The value cannot be written as JSON: " + e.getOriginalMessage(), e));
        }
    }

    /**
     * Sends a text message after the beforeSend listeners (which may edit or veto it).
     *
     * @return what is known of the delivery (written, or confirmed by the server); fails with the reason when
     *         vetoed, not open, not valid JSON although it looks like JSON, or refused by the server
     */
    public CompletableFuture<Delivery> send(String message) {
        UpstreamConnection current;
        synchronized (lifecycle) {
            current = state == VariableState.OPEN ? connection : null;
        }
        if (current == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(notOpen()));
        }
        return sendOn(current, message);
    }

    private CompletableFuture<Delivery> sendOn(UpstreamConnection target, String message) {
        Veto veto = new Veto();
        String edited = message;
        for (VariableListener listener : listeners) {
            try {
                edited = listener.beforeSend(this, edited, veto);
            } catch (RuntimeException e) {
                log.warn("A beforeSend listener of variable {} failed; the message goes on unchanged by it", spec.name(), e);
            }
        }
        String problem = veto.isVetoed() ? veto.reason() : edited == null ? "a listener removed the message" : problemWith(edited);
        record(VariableEvent.Type.BEFORE_SEND, problem == null ? abbreviate(edited) : "refused: " + problem);
        if (problem != null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(problem));
        }
        // The frame as it goes on the wire (a STOMP SEND, a Socket.IO emit), like the frames received.
        String frame = target.frameFor(edited);
        // Logged when handed to the socket, not when the send completes: an echo can arrive before the
        // completion runs, and the frame log must show frames in the order they crossed the wire.
        RawFrame out = new RawFrame(clock.instant(), RawFrame.Direction.OUT, frame.length(), masked(abbreviate(frame)));
        frames.add(out);
        sentFrames.add(out);
        CompletableFuture<Delivery> result = new CompletableFuture<>();
        target.sendFramed(frame).whenComplete((sent, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (error == null) {
                messagesSent.incrementAndGet();
                result.complete(sent);
            } else if (cause instanceof SendRefusedException) {
                // A refusal was reported in the server's words as it arrived.
                result.completeExceptionally(cause);
            } else if (!target.isOpen() || state() != VariableState.OPEN) {
                // The socket's own failure (a closed session, a reset) only says the connection is going: the close says why.
                result.completeExceptionally(new IllegalStateException(notOpen()));
            } else {
                String reason = UpstreamClient.describe(cause);
                reportError("Sending failed: " + reason);
                result.completeExceptionally(new IllegalStateException(reason));
            }
        });
        return result;
    }

    /**
     * Why a message cannot go out now, one sentence for people, after "Not sent: ": the connection is closing or
     * reconnecting, or the variable is closed.
     */
    private String notOpen() {
        VariableState now = state();
        return now == VariableState.CLOSED || now == VariableState.FAILED
                ? "the variable is " + StateWords.of(this).words()
                : "the connection is closing or reconnecting; try again when it is open";
    }

    // ---- receiving -------------------------------------------------------------------------------

    private void received(int size, String frameText, DecodeResult decoded) {
        framesReceived.incrementAndGet();
        messagesReceived.addAndGet(decoded.messages().size());
        bytesReceived.addAndGet(size);
        rate.record(clock.instant(), decoded.messages().size());
        frames.add(new RawFrame(clock.instant(), RawFrame.Direction.IN, size, masked(frameText)));
        for (String error : decoded.errors()) {
            decodeErrors.incrementAndGet();
            reportError(error);
        }
        // One frame may carry several documents (newline-delimited JSON): each is a message of its own.
        for (JsonNode document : decoded.messages()) {
            receivedMessage(document);
        }
    }

    private void receivedMessage(JsonNode document) {
        JsonNode message = document;
        for (VariableListener listener : listeners) {
            try {
                message = listener.messageReceive(this, message);
            } catch (RuntimeException e) {
                log.warn("A messageReceive listener of variable {} failed; the message goes on unchanged by it", spec.name(), e);
            }
            if (message == null) {
                record(VariableEvent.Type.MESSAGE_RECEIVE, "dropped by a listener");
                return;
            }
        }
        toDataset(message);
    }

    /**
     * The step from a decoded message to the dataset: the message filter, then the record path. A
     * message with nothing at the record path leaves the dataset as it is under every strategy; an
     * empty list there ({@code "data": []}) is applied, so under Refresh it empties the dataset.
     */
    private void toDataset(JsonNode message) {
        if (!selector.keeps(message)) {
            filteredOut.incrementAndGet();
            record(VariableEvent.Type.MESSAGE_RECEIVE, "filtered out");
            return;
        }
        Optional<List<JsonNode>> records = extractor.find(message);
        if (records.isEmpty()) {
            skipped.incrementAndGet();
            record(VariableEvent.Type.MESSAGE_RECEIVE, "skipped: nothing at the record path "
                    + (extractor.recordPath().isEmpty() ? "(the whole message)" : extractor.recordPath()));
            return;
        }
        // Masked once here, so the dataset API, the widgets and the inspector all hold the masked records.
        List<JsonNode> masked = spec.secrets().isEmpty() ? records.get()
                : records.get().stream().map(record -> Redactor.redactRecord(record, spec.secrets())).toList();
        dataset.accept(masked);
        record(VariableEvent.Type.MESSAGE_RECEIVE, masked.size() + " record(s)");
        fire(l -> l.recordsApplied(this, masked));
    }

    private void reportError(String reason) {
        String shown = masked(reason);
        record(VariableEvent.Type.ERROR, shown);
        fire(l -> l.error(this, shown));
    }

    /** The connection's callbacks, bound to the connection they came from (stale ones are ignored). */
    private final class Events implements ConnectionListener {

        /** The guard's admission of this connection, given back when it ends. */
        private final ConnectGuard.Permit permit;
        /** Set before the connection opens, so every callback knows where it came from. */
        private UpstreamConnection source;
        /** Set when the handshake was refused in a way that will not change on retry. */
        private volatile String permanentRefusal;

        Events(ConnectGuard.Permit permit) {
            this.permit = permit;
        }

        @Override
        public void onOpen(UpstreamConnection opened) {
            connectionOpened(source);
        }

        @Override
        public void onText(String message) {
            if (isCurrent()) {
                received(message.length(), abbreviate(message), decoder.decodeText(message));
            }
        }

        @Override
        public void onBinary(ByteBuffer message) {
            if (isCurrent()) {
                int size = message.remaining();
                String preview = StandardCharsets.UTF_8.decode(message.duplicate().limit(Math.min(size, FRAME_TEXT_LIMIT))).toString();
                received(size, preview, decoder.decodeBinary(message));
            }
        }

        @Override
        public void onMessages(String frame, List<WireMessage> messages) {
            if (!isCurrent()) {
                return;
            }
            List<JsonNode> documents = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (WireMessage message : messages) {
                if (message.problem() != null) {
                    errors.add(message.problem());
                    continue;
                }
                DecodeResult decoded = message.isPlainText()
                        ? DecodeResult.decoded(JsonNodeFactory.instance.objectNode().put("text", message.body()))
                        : decoder.decodeText(message.body());
                errors.addAll(decoded.errors());
                decoded.messages().forEach(document -> documents.add(withFields(document, message.fields())));
            }
            received(frame.length(), abbreviate(frame), new DecodeResult(documents, errors));
        }

        @Override
        public void onError(String reason, Throwable cause) {
            if (cause instanceof HandshakeFailedException refused && refused.isPermanent()) {
                permanentRefusal = reason;
            }
            reportError(reason);
        }

        @Override
        public void onClose(int code, String reason) {
            // Also for a connection already replaced (closed, then opened again before it had ended).
            permit.close();
            connectionClosed(source, code, reason, permanentRefusal);
        }

        private boolean isCurrent() {
            synchronized (lifecycle) {
                return source == connection;
            }
        }
    }

    /**
     * The protocol's fields (Socket.IO {@code event}, STOMP {@code destination}) on a decoded message, or
     * on each object of a message that is an array (its records); any other value becomes
     * {@code {"value": …}} first, as a record would.
     */
    private static JsonNode withFields(JsonNode document, Map<String, String> fields) {
        if (fields.isEmpty()) {
            return document;
        }
        if (document.isArray()) {
            document.forEach(element -> {
                if (element instanceof ObjectNode object) {
                    fields.forEach(object::put);
                }
            });
            return document;
        }
        ObjectNode record;
        if (document instanceof ObjectNode object) {
            record = object;
        } else {
            record = JsonNodeFactory.instance.objectNode();
            record.set("value", document);
        }
        fields.forEach(record::put);
        return record;
    }

    private static String abbreviate(String text) {
        return text.length() <= FRAME_TEXT_LIMIT ? text : text.substring(0, FRAME_TEXT_LIMIT) + "…";
    }

    /** Every detail is masked: the URI (an API key in its query), error sentences quoting it. */
    private void record(VariableEvent.Type type, String detail) {
        events.add(new VariableEvent(clock.instant(), type, masked(detail)));
    }

    /** {@code text} with the spec's secret values masked; the inspector shows events and frames as they are. */
    private String masked(String text) {
        return Redactor.redact(text, spec.secrets());
    }

    // ---- what views and the registry read ----------------------------------------------------------

    public BoundedDataset dataset() {
        return dataset;
    }

    public VariableState state() {
        synchronized (lifecycle) {
            return state;
        }
    }

    /** Calls {@code listener} with each new state, in order, on the thread that changed it. */
    public Subscription onStateChange(Consumer<VariableState> listener) {
        Consumer<VariableState> registration = listener::accept;
        stateListeners.add(registration);
        return () -> stateListeners.remove(registration);
    }

    public Subscription addListener(VariableListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public VariableStats stats() {
        return new VariableStats(framesReceived.get(), messagesReceived.get(), bytesReceived.get(), messagesSent.get(), decodeErrors.get(),
                reconnects.get(), reconnectsLastMinute(), rate.perSecond(clock.instant()), filteredOut.get(), skipped.get());
    }

    private int reconnectsLastMinute() {
        Instant since = clock.instant().minus(Duration.ofMinutes(1));
        synchronized (lifecycle) {
            while (!recentReconnects.isEmpty() && recentReconnects.peekFirst().isBefore(since)) {
                recentReconnects.removeFirst();
            }
            return recentReconnects.size();
        }
    }

    /** Why the variable gave up (shown beside FAILED), or empty when it has not. */
    public Optional<String> failure() {
        synchronized (lifecycle) {
            return state == VariableState.FAILED ? Optional.ofNullable(failure) : Optional.empty();
        }
    }

    /**
     * The last {@value #FRAME_LOG_SIZE} messages in and out, newest first, each cut to a few KB, then
     * those of the last {@value #SENT_FRAME_LOG_SIZE} sent that fell out of them (older than all of them).
     */
    public List<RawFrame> frames() {
        // The sent log first: a sent frame that falls out of the other meanwhile is then still found.
        List<RawFrame> sent = sentFrames.newestFirst();
        List<RawFrame> latest = frames.newestFirst();
        if (sent.isEmpty()) {
            return latest;
        }
        Set<RawFrame> inLatest = Collections.newSetFromMap(new IdentityHashMap<>());
        inLatest.addAll(latest);
        List<RawFrame> all = new ArrayList<>(latest);
        sent.stream().filter(frame -> !inLatest.contains(frame)).forEach(all::add);
        return Collections.unmodifiableList(all);
    }

    /** The last {@value #EVENT_LOG_SIZE} events, newest first. */
    public List<VariableEvent> events() {
        return events.newestFirst();
    }

    /** Whether a connection exists (open, opening or closing); false once closed. */
    public boolean hasConnection() {
        synchronized (lifecycle) {
            return connection != null;
        }
    }

    /**
     * The server instance holding the upstream connection when several instances share this variable
     * (this one or the one it mirrors); empty when alone or not connected.
     */
    public Optional<String> connectionHolder() {
        synchronized (lifecycle) {
            return admitted == null ? Optional.empty() : admitted.holder();
        }
    }

    /** Whether a reconnect is scheduled. */
    public boolean hasPendingReconnect() {
        synchronized (lifecycle) {
            return reconnectTimer != null;
        }
    }

    /**
     * How long until the scheduled reconnect attempt starts (zero when due), by this variable's clock;
     * empty when none is scheduled, including while an attempt is under way.
     */
    public Optional<Duration> reconnectIn() {
        synchronized (lifecycle) {
            if (reconnectTimer == null) {
                return Optional.empty();
            }
            Duration left = Duration.between(clock.instant(), reconnectDue);
            return Optional.of(left.isNegative() ? Duration.ZERO : left);
        }
    }

    /** Listeners registered on this variable: event listeners plus state listeners. */
    public int listenerCount() {
        return listeners.size() + stateListeners.size();
    }

    @Override
    public String toString() {
        return "LiveVariable[" + spec.name() + ", " + state() + "]";
    }
}
