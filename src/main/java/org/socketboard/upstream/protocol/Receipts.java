package org.socketboard.upstream.protocol;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One connection's sends that wait for the server's answer ({@link WireProtocol#receiptOf}): each completes
 * {@link Delivery#CONFIRMED} at its RECEIPT, fails with the server's reason at an ERROR that answers it,
 * and completes {@link Delivery#UNCONFIRMED} when no answer came within the wait or the connection ended
 * (the message was written; whether the server took it is not known). Thread-safe.
 */
public final class Receipts {

    /** How long a send waits for its receipt: servers without receipt support (Spring's simple broker) never answer. */
    public static final Duration WAIT = Duration.ofSeconds(3);

    private final Map<String, CompletableFuture<Delivery>> waiting = new ConcurrentHashMap<>();

    /**
     * @param receipt the receipt the frame asks for, or null (then the send is {@link Delivery#WRITTEN} once written)
     * @param write   writes the frame; called after the receipt is awaited, since the answer may come before
     *                the write completes
     */
    public CompletableFuture<Delivery> track(String receipt, Supplier<CompletableFuture<Void>> write,
                                             ScheduledExecutorService scheduler) {
        if (receipt == null) {
            return write.get().thenApply(done -> Delivery.WRITTEN);
        }
        CompletableFuture<Delivery> answer = new CompletableFuture<>();
        waiting.put(receipt, answer);
        write.get().whenComplete((done, failed) -> {
            if (failed != null) {
                waiting.remove(receipt);
                answer.completeExceptionally(failed);
            } else {
                scheduler.schedule(() -> settle(receipt, Delivery.UNCONFIRMED), WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        return answer;
    }

    public void confirmed(String receipt) {
        settle(receipt, Delivery.CONFIRMED);
    }

    /** The server refused the send with {@code reason} (a sentence for people). */
    public void refused(String receipt, String reason) {
        CompletableFuture<Delivery> answer = waiting.remove(receipt);
        if (answer != null) {
            answer.completeExceptionally(new SendRefusedException(reason));
        }
    }

    /** The connection is over: nothing more will be answered. */
    public void ended() {
        waiting.keySet().forEach(receipt -> settle(receipt, Delivery.UNCONFIRMED));
    }

    private void settle(String receipt, Delivery delivery) {
        CompletableFuture<Delivery> answer = waiting.remove(receipt);
        if (answer != null) {
            answer.complete(delivery);
        }
    }
}
