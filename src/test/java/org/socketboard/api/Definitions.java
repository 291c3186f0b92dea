package org.socketboard.api;

import java.util.concurrent.atomic.AtomicInteger;

/** JSON definitions as a provisioning script would send them, with names unique per test. */
final class Definitions {

    /** Stored on the server only: must never come back out of it. */
    static final String SERVICE_SECRET = "service-secret-7f3a";
    static final String VARIABLE_SECRET = "variable-secret-91c2";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String RUN = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40), 36);

    private Definitions() {
    }

    static String unique(String prefix) {
        // The sequence keeps names readable; the random part keeps them apart from other fixtures' names
        // in the same cached context and database.
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + RUN;
    }

    /** A ticker service on the built-in feed with a secret header parameter that has a default value. */
    static String service(String name, int port) {
        return """
                {"name": "%s", "url": "ws://localhost:%d/feeds/ticker?rate=20", "description": "Ticks",
                 "sampleResponse": "{\\"symbol\\": \\"ACME\\", \\"price\\": 101.5, \\"volume\\": 1200}",
                 "params": [{"name": "token", "location": "HEADER", "type": "STRING",
                             "defaultValue": "%s", "required": true, "secret": true},
                            {"name": "desk", "location": "HEADER", "type": "STRING",
                             "defaultValue": "equities", "required": false, "secret": false}]}
                """.formatted(name, port, SERVICE_SECRET);
    }

    /** An application variable on {@code service} whose value for the secret parameter is its own secret. */
    static String variable(String name, String service, boolean connectOnLoad) {
        return """
                {"name": "%s", "service": "%s", "scope": "APPLICATION", "connectOnLoad": %s,
                 "strategy": "ADD_LAST", "dataLimit": 50, "paramValues": {"token": "%s", "desk": "rates"}}
                """.formatted(name, service, connectOnLoad, VARIABLE_SECRET);
    }

    static String dashboardVariable(String name, String service) {
        return """
                {"name": "%s", "service": "%s", "scope": "DASHBOARD", "strategy": "REFRESH", "dataLimit": 10}
                """.formatted(name, service);
    }

    /** A dashboard with a value card on an application variable and a grid on one of its own. */
    static String dashboard(String slug, String applicationVariable, String ownVariable, String service) {
        return """
                {"name": "Prices %s", "slug": "%s", "description": "What ACME costs",
                 "sharedWithRoles": ["VIEWER"],
                 "variables": [%s],
                 "widgets": [
                   {"type": "VALUE", "title": "ACME", "variable": "%s", "width": 1, "height": 1,
                    "config": {"value": {"field": "/price", "unit": "USD", "showChange": true, "sparkline": false}}},
                   {"type": "GRID", "title": "Latest", "variable": "%s", "width": 2, "height": 2,
                    "config": {"columns": [{"path": "/symbol", "header": "Symbol", "format": "TEXT"},
                                           {"path": "/price", "header": "Price", "format": "NUMBER"}]}}]}
                """.formatted(slug, slug, dashboardVariable(ownVariable, service), applicationVariable, ownVariable);
    }
}
