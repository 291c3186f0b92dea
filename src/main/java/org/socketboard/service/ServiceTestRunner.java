package org.socketboard.service;

import org.socketboard.service.connection.ConnectionTestRequest;
import org.socketboard.service.connection.ConnectionTestResult;
import org.socketboard.service.connection.ConnectionTester;
import org.socketboard.upstream.domain.Protocol;
import org.socketboard.upstream.protocol.ProtocolSettings;
import org.socketboard.service.domain.SocketService;
import org.socketboard.upstream.Admission;
import org.socketboard.upstream.ConnectionBudget;
import org.socketboard.upstream.ConnectionDeniedException;
import org.socketboard.upstream.UpstreamTarget;
import org.socketboard.security.Redactor;
import org.socketboard.security.SecretCipher;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a connection test for a service definition (saved or still being edited) on a background
 * thread: the service's {@link UpstreamTarget} with the parameters' default values, and the sample
 * request (if any) sent once connected. The {@link Admission} is asked first (a refusal by the
 * connection policy or budget is the test's outcome, nothing is connected) and the test holds its
 * place in the connection budget while it runs.
 */
@Service
public class ServiceTestRunner {

    /** The connection budget's name for connection tests (they count towards the total, and among themselves). */
    static final String BUDGET_KEY = "connection test";

    private final ConnectionTester tester;
    private final Admission admission;
    private final SecretCipher cipher;
    private final ConnectionTestSettings settings;
    private final TaskExecutor executor;
    private final Clock clock;

    public ServiceTestRunner(ConnectionTester tester, Admission admission, SecretCipher cipher, ConnectionTestSettings settings,
                             @Qualifier("applicationTaskExecutor") TaskExecutor executor, Clock clock) {
        this.tester = tester;
        this.admission = admission;
        this.cipher = cipher;
        this.settings = settings;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * Tests the connection. The future never completes exceptionally: a definition that cannot be
     * turned into a request, or a tester that fails unexpectedly, gives a failed result saying why.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public CompletableFuture<ConnectionTestResult> test(SocketService service) {
        UpstreamTarget target;
        ConnectionTestRequest request;
        try {
            target = UpstreamTargets.of(service, Map.of(), cipher);
            request = requestFor(service, target);
        } catch (IllegalArgumentException e) { // InvalidServiceUrlException too
            return CompletableFuture.completedFuture(failed(e.getMessage()));
        }
        return CompletableFuture.supplyAsync(() -> allowedTest(request), executor)
                .exceptionally(e -> failed("The test failed: " + e.getMessage()))
                .thenApply(result -> redacted(result, target.secrets()));
    }

    /** On the executor: the policy resolves the host, which may take a while. */
    private ConnectionTestResult allowedTest(ConnectionTestRequest request) {
        ConnectionBudget.Lease lease;
        try {
            lease = admission.admit(request.uri(), BUDGET_KEY);
        } catch (ConnectionDeniedException denied) {
            return failed(denied.getMessage());
        }
        try (lease) {
            return tester.test(request);
        }
    }

    /** A failure's sentence may quote the URL, and a server may echo a key: neither may show a secret. */
    private static ConnectionTestResult redacted(ConnectionTestResult result, Collection<String> secrets) {
        return new ConnectionTestResult(result.connected(), Redactor.redact(result.outcome(), secrets),
                Redactor.redact(result.firstMessage(), secrets), result.testedAt(), result.elapsed(), result.detected());
    }

    private ConnectionTestResult failed(String outcome) {
        return new ConnectionTestResult(false, outcome, null, clock.instant(), Duration.ZERO);
    }

    /** The service's target with its parameters' default values. */
    private ConnectionTestRequest requestFor(SocketService service, UpstreamTarget target) {
        var sample = service.getSampleRequest();
        boolean noSample = sample == null || sample.isBlank();
        if (service.getProtocol() == Protocol.STOMP && noSample) {
            throw new IllegalArgumentException("A STOMP service is tested by subscribing to a destination: give one "
                    + "as the sample request (e.g. /topic/prices)");
        }
        // STOMP: the sample request is the destination the test subscribes to.
        List<String> subscriptions = service.getProtocol() == Protocol.STOMP && !noSample ? List.of(sample.strip()) : List.of();
        return new ConnectionTestRequest(target.uri(), target.headers(), target.subprotocols(),
                noSample ? null : sample, settings.connectTimeout(), settings.firstMessageWait(),
                new ProtocolSettings(service.getProtocol(), target.connect(), subscriptions, null, null));
    }
}
