package org.socketboard.variable;

import org.socketboard.service.domain.SocketService;
import org.socketboard.service.domain.SocketServiceRepository;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Services on the app's own demo feeds and variables on them, stored for real, with names unique per test. */
public final class VariableFixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final SocketServiceRepository services;
    private final int port;

    public VariableFixtures(SocketServiceRepository services, int port) {
        this.services = services;
        this.port = port;
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet();
    }

    /** A stored service on a built-in feed, e.g. {@code feed("/feeds/ticker?rate=50")}. */
    public SocketService feed(String pathAndQuery) {
        var service = new SocketService();
        service.setName(uniqueName("feed"));
        service.setUrl("ws://localhost:" + port + pathAndQuery);
        service.setTestSkipped(true);
        service.touch(Instant.now());
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
