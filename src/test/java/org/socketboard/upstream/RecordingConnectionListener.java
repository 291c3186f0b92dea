package org.socketboard.upstream;

import org.socketboard.upstream.protocol.WireMessage;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.TreeMap;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Writes every callback of a connection as a line ("open", "text:hi", "error:...", "close:1000 bye"). */
final class RecordingConnectionListener implements ConnectionListener {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final long handlingMillis;

    RecordingConnectionListener() {
        this(0);
    }

    /** A listener that takes {@code handlingMillis} over each text message, like a slow consumer. */
    RecordingConnectionListener(long handlingMillis) {
        this.handlingMillis = handlingMillis;
    }

    @Override
    public void onOpen(UpstreamConnection connection) {
        events.add("open");
    }

    @Override
    public void onText(String message) {
        events.add("text:" + message);
        try {
            Thread.sleep(handlingMillis); // a slow consumer is the scenario, not a wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onBinary(ByteBuffer message) {
        events.add("binary:" + StandardCharsets.UTF_8.decode(message));
    }

    /** One line per message: "message:<fields> <body>", e.g. "message:{event=tick} {…}". */
    @Override
    public void onMessages(String frame, List<WireMessage> messages) {
        messages.forEach(message -> events.add("message:" + new TreeMap<>(message.fields()) + " " + message.body()));
    }

    @Override
    public void onError(String reason, Throwable cause) {
        events.add("error:" + reason);
    }

    @Override
    public void onClose(int code, String reason) {
        events.add("close:" + code + " " + reason);
    }

    /** The next callback (waits up to 5 s). */
    String next() throws InterruptedException {
        String event = events.poll(5, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("No connection callback within 5 s");
        }
        return event;
    }

    /** Whatever arrives within {@code millis}, or null. */
    String nextWithin(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS);
    }
}
