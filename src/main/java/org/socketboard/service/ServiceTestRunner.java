package org.socketboard.service;

import org.socketboard.service.connection.ConnectionTestRequest;
import org.socketboard.service.connection.ConnectionTestResult;
import org.socketboard.service.connection.ConnectionTester;
import org.socketboard.upstream.domain.Protocol;
import org.socketboard.upstream.protocol.ProtocolSettings;
import org.socketboard.service.domain.ServiceParam;
import org.socketboard.service.domain.ServiceUrl;
import org.socketboard.service.domain.SocketService;
import org.socketboard.upstream.ConnectionBudget;
import org.socketboard.upstream.ConnectionDeniedException;
import org.socketboard.upstream.ConnectionPolicy;
import org.socketboard.security.Redactor;
import org.socketboard.security.SecretCipher;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a connection test for a service definition (saved or still being edited) on a background
 * thread: the URL is resolved with the parameters' default values, header parameters become
 * handshake headers, and the sample request (if any) is sent once connected. The connection policy
 * is asked first (a refusal is the test's outcome, nothing is connected) and the test takes a place
 * in the connection budget while it runs.
 */
@Service
public class ServiceTestRunner {

    /** The connection budget's name for connection tests (they count towards the total, and among themselves). */
    static final String BUDGET_KEY = "connection test";

    private final ConnectionTester tester;
    private final ConnectionPolicy policy;
    private final ConnectionBudget budget;
    private final SecretCipher cipher;
    private final ConnectionTestSettings settings;
    private final TaskExecutor executor;
    private final Clock clock;

    public ServiceTestRunner(ConnectionTester tester, ConnectionPolicy policy, ConnectionBudget budget,
                             SecretCipher cipher, ConnectionTestSettings settings,
                             @Qualifier("applicationTaskExecutor") TaskExecutor executor, Clock clock) {
        this.tester = tester;
        this.policy = policy;
        this.budget = budget;
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
        ConnectionTestRequest request;
        try {
            request = requestFor(service);
        } catch (IllegalArgumentException e) { // InvalidServiceUrlException too
            return CompletableFuture.completedFuture(failed(e.getMessage()));
        }
        List<String> secrets = secretValues(service);
        return CompletableFuture.supplyAsync(() -> allowedTest(request), executor)
                .exceptionally(e -> failed("The test failed: " + e.getMessage()))
                .thenApply(result -> redacted(result, secrets));
    }

    /** On the executor: the policy resolves the host, which may take a while. */
    private ConnectionTestResult allowedTest(ConnectionTestRequest request) {
        try {
            policy.check(request.uri());
        } catch (ConnectionDeniedException denied) {
            return failed(denied.getMessage());
        }
        ConnectionBudget.Lease lease;
        try {
            lease = budget.acquire(BUDGET_KEY);
        } catch (ConnectionDeniedException full) {
            return failed(full.getMessage());
        }
        try (lease) {
            return tester.test(request);
        }
    }

    /** A failure's sentence may quote the URL, and a server may echo a key: neither may show a secret. */
    private static ConnectionTestResult redacted(ConnectionTestResult result, List<String> secrets) {
        return new ConnectionTestResult(result.connected(), Redactor.redact(result.outcome(), secrets),
                Redactor.redact(result.firstMessage(), secrets), result.testedAt(), result.elapsed(), result.detected());
    }

    private List<String> secretValues(SocketService service) {
        return service.getParams().stream().filter(ServiceParam::secret)
                .map(param -> cipher.reveal(param.defaultValue())).filter(Objects::nonNull).toList();
    }

    private ConnectionTestResult failed(String outcome) {
        return new ConnectionTestResult(false, outcome, null, clock.instant(), Duration.ZERO);
    }

    private ConnectionTestRequest requestFor(SocketService service) {
        var url = ServiceUrl.parse(service.getUrl());
        var values = new HashMap<String, String>();
        var headers = new HashMap<String, String>();
        var connect = new HashMap<String, String>();
        for (ServiceParam param : service.getParams()) {
            if (param.defaultValue() == null || param.defaultValue().isEmpty()) {
                continue;
            }
            String value = cipher.reveal(param.defaultValue());
            switch (param.location()) {
                case HEADER -> headers.put(param.name(), value);
                case CONNECT -> connect.put(param.name(), value);
                default -> values.put(param.name(), value);
            }
        }
        var sample = service.getSampleRequest();
        boolean noSample = sample == null || sample.isBlank();
        if (service.getProtocol() == Protocol.STOMP && noSample) {
            throw new IllegalArgumentException("A STOMP service is tested by subscribing to a destination: give one "
                    + "as the sample request (e.g. /topic/prices)");
        }
        // STOMP: the sample request is the destination the test subscribes to.
        List<String> subscriptions = service.getProtocol() == Protocol.STOMP && !noSample ? List.of(sample.strip()) : List.of();
        return new ConnectionTestRequest(url.resolve(values), Map.copyOf(headers), service.getSubprotocols(),
                noSample ? null : sample, settings.connectTimeout(), settings.firstMessageWait(),
                new ProtocolSettings(service.getProtocol(), connect, subscriptions, null, null));
    }
}
