package org.socketboard.service.connection;

import org.socketboard.upstream.domain.Protocol;
import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of a connection test.
 *
 * @param connected    the handshake succeeded and the server did not close the connection before
 *                     sending anything; false for every failure
 * @param outcome      a sentence for the admin, e.g. "Connected; first message received after 120 ms"
 *                     or "Connection refused by localhost:1234"
 * @param firstMessage the first whole message (text, or binary read as UTF-8), or null when none came
 *                     or it was larger than 1 MB
 * @param testedAt     when the test started
 * @param elapsed      how long it took until the outcome was known
 * @param detected     a protocol found behind a plain WebSocket URL (Socket.IO, STOMP) that the service
 *                     should switch to, or null; {@code firstMessage} is then a sample in that protocol
 *                     when one came
 */
public record ConnectionTestResult(boolean connected, String outcome, String firstMessage, Instant testedAt,
                                   Duration elapsed, Protocol detected) {

    /** How the outcome of a test that detected {@code found} starts: the offer the form's switch acts on. */
    public static String offer(Protocol found) {
        return "The server speaks " + found.label() + ": switch the protocol to " + found.label() + ".";
    }

    /** {@code outcome} once the protocol was switched to {@code to} as offered: the offer becomes what was done. */
    public static String switched(String outcome, Protocol to) {
        String offer = offer(to);
        return outcome != null && outcome.startsWith(offer)
                ? "The server speaks " + to.label() + "; the protocol is switched to it." + outcome.substring(offer.length())
                : outcome;
    }

    /** Nothing detected. */
    public ConnectionTestResult(boolean connected, String outcome, String firstMessage, Instant testedAt, Duration elapsed) {
        this(connected, outcome, firstMessage, testedAt, elapsed, null);
    }
}
