package org.socketboard.demofeed;

import jakarta.websocket.Session;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Owns what all feed connections share: one scheduler (a few threads, never one per session) and the
 * set of open feed sessions, admitted within {@link FeedSettings}' connection caps (in total and per
 * remote address; over a cap the connection closes with 1013 "try again later" and the reason). Stops
 * before the web server does, so that clients get a clean "going away" close and no task outlives the
 * application.
 */
@Component
public class DemoFeedRuntime implements SmartLifecycle {

    /** A client that keeps a send blocked this long, or lets this much pile up for it, is dropped. */
    static final int SEND_TIME_LIMIT_MS = 2_000;
    static final int BUFFER_LIMIT_BYTES = 512 * 1024;
    /** Threads only block while a socket write is slow; a few keep one slow client from holding up the rest. */
    private static final int THREADS = Math.max(4, Runtime.getRuntime().availableProcessors());
    /** Tomcat's own limit on a blocking write (default 20 s): a stuck client frees its thread as soon as the decorator would drop it. */
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private static final String SESSION_ATTRIBUTE = FeedSession.class.getName();

    private final Set<FeedSession> sessions = ConcurrentHashMap.newKeySet();
    private final FeedSettings settings;
    private volatile ScheduledThreadPoolExecutor executor;

    DemoFeedRuntime(FeedSettings settings) {
        this.settings = settings;
    }

    /** Adopts a new connection, or closes it and returns empty when the feeds are not running or a cap is reached. */
    Optional<FeedSession> open(WebSocketSession socket) {
        ScheduledThreadPoolExecutor running = executor;
        if (running == null || running.isShutdown()) {
            closeQuietly(socket);
            return Optional.empty();
        }
        limitBlockingSends(socket);
        var session = new FeedSession(
                new ConcurrentWebSocketSessionDecorator(socket, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES), running,
                client(socket));
        Optional<String> refusal = admit(session);
        if (refusal.isPresent()) {
            session.close(CloseStatus.SERVICE_OVERLOAD.withReason(refusal.get()));
            return Optional.empty();
        }
        socket.getAttributes().put(SESSION_ATTRIBUTE, session);
        if (running.isShutdown()) { // stop() ran meanwhile and did not see this session
            closed(socket);
            closeQuietly(socket);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /** Adds {@code session} unless a connection cap is reached; then says which, in a close reason's 123 bytes. */
    private synchronized Optional<String> admit(FeedSession session) {
        if (sessions.size() >= settings.maxConnections()) {
            return Optional.of("the demo feeds are at their limit of " + settings.maxConnections()
                    + " connections: try again later");
        }
        long fromClient = sessions.stream().filter(open -> open.client().equals(session.client())).count();
        if (fromClient >= settings.maxConnectionsPerClient()) {
            return Optional.of("at most " + settings.maxConnectionsPerClient()
                    + " demo feed connections per client address: close one first");
        }
        sessions.add(session);
        return Optional.empty();
    }

    /** The remote IP address, the unit of the per-client cap ("unknown" when the container does not say). */
    private static String client(WebSocketSession socket) {
        InetSocketAddress remote = socket.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    /** The feed session of an adopted connection. */
    Optional<FeedSession> session(WebSocketSession socket) {
        return Optional.ofNullable((FeedSession) socket.getAttributes().get(SESSION_ATTRIBUTE));
    }

    /** Forgets a connection that has closed, stopping its stream. */
    void closed(WebSocketSession socket) {
        session(socket).ifPresent(session -> {
            session.stopStream();
            sessions.remove(session);
        });
    }

    /** Open feed connections: goes back down when clients disconnect. */
    public int activeSessions() {
        return sessions.size();
    }

    /** Ticks waiting on the scheduler: zero once no feed connection is streaming. */
    public int pendingTasks() {
        ScheduledThreadPoolExecutor running = executor;
        return running == null ? 0 : running.getQueue().size();
    }

    @Override
    public synchronized void start() {
        var threads = new CustomizableThreadFactory("demofeed-");
        threads.setDaemon(true);
        var created = new ScheduledThreadPoolExecutor(THREADS, threads);
        created.setRemoveOnCancelPolicy(true); // a closed session's tick leaves the queue at once
        executor = created;
    }

    @Override
    public synchronized void stop() {
        ScheduledThreadPoolExecutor running = executor;
        if (running == null) {
            return;
        }
        running.shutdown();
        sessions.forEach(session -> session.close(CloseStatus.GOING_AWAY.withReason("server shutting down")));
        sessions.clear();
        running.shutdownNow();
        try {
            running.awaitTermination(SEND_TIME_LIMIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        ScheduledThreadPoolExecutor running = executor;
        return running != null && !running.isTerminated();
    }

    private static void limitBlockingSends(WebSocketSession socket) {
        if (socket instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof Session container) {
            container.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, (long) SEND_TIME_LIMIT_MS);
        }
    }

    private static void closeQuietly(WebSocketSession socket) {
        try {
            socket.close(CloseStatus.GOING_AWAY.withReason("feeds are not running"));
        } catch (IOException ignored) {
            // the client is gone already
        }
    }
}
