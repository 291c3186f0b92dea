package org.socketboard.demofeed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One open feed connection: its socket (safe to send to from any thread, with bounded buffering) and
 * at most one stream of messages scheduled on the shared executor.
 */
final class FeedSession {

    private static final Logger log = LoggerFactory.getLogger(FeedSession.class);

    private final WebSocketSession socket;
    private final ScheduledExecutorService executor;
    private final String client;
    private Stream stream; // guarded by this

    /** @param client the remote IP address, for the per-client connection cap */
    FeedSession(WebSocketSession socket, ScheduledExecutorService executor, String client) {
        this.socket = socket;
        this.executor = executor;
        this.client = client;
    }

    String client() {
        return client;
    }

    /** Sends {@code messages} at the pace of {@code pacing} until stopped, replacing any current stream. */
    synchronized void startStream(Pacing pacing, Supplier<String> messages) {
        stopStream();
        stream = new Stream(pacing, messages);
        stream.schedule(pacing.initialDelayNanos());
    }

    synchronized void stopStream() {
        if (stream != null) {
            stream.cancel();
            stream = null;
        }
    }

    /** Sends one message now; a client that cannot take it is dropped. */
    void send(String text) {
        try {
            socket.sendMessage(new TextMessage(text));
        } catch (IOException | RuntimeException e) {
            // Overflow of the send buffer or time limit (the decorator has already closed the socket),
            // or a socket that broke: either way nothing more can be delivered.
            log.debug("Dropping feed session {}: {}", socket.getId(), e.toString());
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    void close(CloseStatus status) {
        stopStream();
        try {
            socket.close(status);
        } catch (IOException e) {
            log.debug("Closing feed session {} failed: {}", socket.getId(), e.toString());
        }
    }

    /** A self-rescheduling task: each tick sends what the pacing says is due, then books the next tick. */
    private final class Stream implements Runnable {

        private final Pacing pacing;
        private final Supplier<String> messages;
        private volatile boolean cancelled;
        private volatile ScheduledFuture<?> nextTick;

        Stream(Pacing pacing, Supplier<String> messages) {
            this.pacing = pacing;
            this.messages = messages;
        }

        @Override
        public void run() {
            for (int due = pacing.due(System.nanoTime()); due > 0; due--) {
                if (cancelled || !socket.isOpen()) {
                    return;
                }
                send(messages.get());
            }
            schedule(pacing.nextDelayNanos());
        }

        void schedule(long delayNanos) {
            if (cancelled) {
                return;
            }
            try {
                nextTick = executor.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                cancelled = true;
                return;
            }
            // cancel() may have run between the check above and the assignment: do not leave a tick behind.
            if (cancelled) {
                nextTick.cancel(false);
            }
        }

        void cancel() {
            cancelled = true;
            ScheduledFuture<?> pending = nextTick;
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }
}
