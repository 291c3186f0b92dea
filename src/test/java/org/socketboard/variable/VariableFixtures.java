package org.socketboard.variable;

import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.domain.ServiceParam;
import org.socketboard.service.domain.SocketService;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Services on the app's own demo feeds, stored through the service catalog (which infers their fields
 * from the samples), and variables on them; names are unique per test.
 */
public final class VariableFixtures {

    /** A message of the ticker and subscribe feeds. */
    public static final String TICK = "{\"type\":\"tick\",\"market\":\"NYSE\",\"symbol\":\"ACME\",\"price\":101.23,"
            + "\"change\":0.12,\"volume\":1200,\"ts\":\"2026-11-25T12:00:00.123Z\"}";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String RUN = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40), 36);

    private final ServiceCatalog services;
    private final int port;

    public VariableFixtures(ServiceCatalog services, int port) {
        this.services = services;
        this.port = port;
    }

    public static String uniqueName(String prefix) {
        // The sequence keeps names readable; the random part keeps them apart from other fixtures' names
        // in the same cached context and database.
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + RUN;
    }

    /** A stored service on a built-in feed, e.g. {@code feed("/feeds/ticker?rate=50")}. */
    public SocketService feed(String pathAndQuery) {
        return feed(pathAndQuery, null, List.of());
    }

    public SocketService feed(String pathAndQuery, String sampleRequest, List<ServiceParam> params) {
        var service = new SocketService();
        service.setName(uniqueName("feed"));
        service.setUrl("ws://localhost:" + port + pathAndQuery);
        service.setSampleRequest(sampleRequest);
        service.setSampleResponse(TICK);
        service.setParams(params);
        service.setTestSkipped(true);
        return services.save(service);
    }

    /** A valid, unsaved application variable that adds records at the end. */
    public static Variable variableOn(SocketService service, int limit) {
        var variable = new Variable();
        variable.setName(uniqueName("var"));
        variable.setService(service);
        variable.setScope(VariableScope.APPLICATION);
        variable.setStrategy(InsertStrategy.ADD_LAST);
        variable.setDataLimit(limit);
        return variable;
    }
}
