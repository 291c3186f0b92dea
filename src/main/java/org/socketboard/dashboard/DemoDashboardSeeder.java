package org.socketboard.dashboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetConfig.ChartKind;
import org.socketboard.dashboard.domain.WidgetConfig.Format;
import org.socketboard.dashboard.domain.WidgetConfig.XSource;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.demofeed.DemoFeed;
import org.socketboard.demofeed.DemoFeedCatalog;
import org.socketboard.upstream.ConnectionDeniedException;
import org.socketboard.upstream.ConnectionPolicy;
import org.socketboard.security.SystemAuthentication;
import org.socketboard.security.domain.Role;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.domain.SocketService;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.util.List;

/**
 * On a fresh install (no services yet) creates, through the catalogs, the demo on the app's own
 * built-in feeds: a service per feed ({@code ws://localhost:<port>/feeds/...}, fields inferred from the
 * feed's sample), an application variable per service that connects on load, and the "Live demo"
 * dashboard ({@code /dashboards/demo}) with a chart of three ticker symbols split by symbol, value cards
 * filtered to one symbol each, an area chart, a list and a grid, laid out on the grid, so that the first
 * start shows live charts at once.
 * <p>
 * Runs when the web server has its port, which is before the registry connects the variables that
 * connect on load (at application ready). Idempotent: any existing service, or a dashboard with the
 * demo slug, means the install is not fresh and nothing is touched. Off with
 * {@code socketboard.demo.enabled=false} (the tests' default, so their databases start empty).
 */
@Component
@ConditionalOnProperty(name = "socketboard.demo.enabled", havingValue = "true", matchIfMissing = true)
public class DemoDashboardSeeder {

    public static final String DEMO_SLUG = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoDashboardSeeder.class);

    private final ServiceCatalog services;
    private final VariableCatalog variables;
    private final DashboardCatalog dashboards;
    private final TransactionTemplate transaction;
    private final ConnectionPolicy policy;

    public DemoDashboardSeeder(ServiceCatalog services, VariableCatalog variables, DashboardCatalog dashboards,
                               PlatformTransactionManager transactions, ConnectionPolicy policy) {
        this.policy = policy;
        this.services = services;
        this.variables = variables;
        this.dashboards = dashboards;
        this.transaction = new TransactionTemplate(transactions);
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void onWebServerReady(WebServerInitializedEvent event) {
        // The management server (when on its own port) announces itself too; only the app's own counts.
        if (event.getApplicationContext().getServerNamespace() == null) {
            try {
                seedIfFresh(event.getWebServer().getPort());
            } catch (RuntimeException failed) {
                // A demo that cannot be seeded must not keep the application from starting.
                log.warn("Could not seed the demo dashboard; nothing of it was stored", failed);
            }
        }
    }

    /**
     * Seeds the demo, all or nothing, unless the install is not fresh; as the system, since nobody is
     * signed in at start (the audit log names "system").
     *
     * @return whether it seeded
     */
    public boolean seedIfFresh(int port) {
        return Boolean.TRUE.equals(SystemAuthentication.call(() -> transaction.execute(status -> seed(port))));
    }

    private boolean seed(int port) {
        if (!services.list().isEmpty() || dashboards.findBySlug(DEMO_SLUG).isPresent()) {
            return false;
        }
        String base = "ws://localhost:" + port;
        try {
            policy.check(URI.create(base + "/feeds/ticker"));
        } catch (ConnectionDeniedException refused) {
            // Variables that could never connect would only fail on the demo dashboard.
            log.info("Not seeding the demo dashboard: the connection policy refuses the built-in feeds ({})",
                    refused.getMessage());
            return false;
        }
        Variable ticker = variable("ticker", service("demo-ticker", base, "ticker", "?symbols=ACME,GLOBEX,INITECH", ""),
                InsertStrategy.ADD_LAST, 100);
        Variable vitals = variable("vitals", service("demo-vitals", base, "vitals", "", ""),
                InsertStrategy.ADD_LAST, 60);
        Variable scores = variable("scores", service("demo-scores", base, "scores", "", ""),
                InsertStrategy.ADD_FIRST, 20);
        Variable weather = variable("weather", service("demo-weather", base, "weather", "", "/data"),
                InsertStrategy.REFRESH, 50);
        SocketService stomp = service("demo-stomp", base, "stomp", "", "");
        var stompPrices = new Variable();
        stompPrices.setSubscriptions(List.of("/topic/prices.GLOBEX", "/topic/prices.INITECH"));
        stompPrices.setUpsertKey("/symbol");
        // The STOMP feed takes SENDs only to its echo topic (the default, the first subscription, is refused).
        stompPrices.setSendTarget("/topic/echo");
        stompPrices = variable(stompPrices, "stomp-prices", stomp, InsertStrategy.UPSERT, 10);

        Dashboard demo = new Dashboard("Live demo", DEMO_SLUG,
                "The built-in demo feeds of this server: stock ticks, a heart-rate monitor, live scores, "
                        + "city weather and prices over STOMP, updated as they arrive.");
        demo.setSharedWithRoles(List.of(Role.VIEWER.name()));
        // One line per symbol, and a card per symbol: the ticker sends all three in one stream.
        demo.addWidget(placed(0, 0, new Widget(WidgetType.CHART, "Prices by symbol", ticker.getName(), 2, 2,
                WidgetConfig.chart(new WidgetConfig.Chart(ChartKind.LINE, XSource.TIMESTAMP, "/ts",
                        List.of(new WidgetConfig.Series("/price", "Price")), "Time", "Price", "USD", "/symbol")))));
        demo.addWidget(placed(2, 0, symbolCard("ACME", ticker)));
        demo.addWidget(placed(3, 0, new Widget(WidgetType.LIST, "Match scores", scores.getName(), 1, 2,
                WidgetConfig.list(WidgetConfig.ListFields.template(List.of(
                        new WidgetConfig.ListField("/home", null, Format.TEXT, null, null),
                        new WidgetConfig.ListField("/homeScore", "Home", Format.NUMBER, 0, null),
                        new WidgetConfig.ListField("/awayScore", "Away", Format.NUMBER, 0, null),
                        new WidgetConfig.ListField("/away", "v", Format.TEXT, null, null),
                        new WidgetConfig.ListField("/minute", "Minute", Format.NUMBER, 0, "′"),
                        new WidgetConfig.ListField("/event", null, Format.TEXT, null, null)))))));
        demo.addWidget(placed(2, 1, symbolCard("GLOBEX", ticker)));
        demo.addWidget(placed(0, 2, new Widget(WidgetType.CHART, "Heart rate", vitals.getName(), 2, 2,
                WidgetConfig.chart(new WidgetConfig.Chart(ChartKind.AREA, XSource.TIMESTAMP, "/ts",
                        List.of(new WidgetConfig.Series("/heartRate", "Heart rate")), "Time", "Heart rate", "bpm")))));
        demo.addWidget(placed(2, 2, new Widget(WidgetType.GRID, "Weather", weather.getName(), 2, 2,
                WidgetConfig.grid(List.of(
                        new WidgetConfig.GridColumn("/city", "City", Format.TEXT),
                        new WidgetConfig.GridColumn("/tempC", "Temperature", Format.NUMBER, 1, "°C"),
                        new WidgetConfig.GridColumn("/humidity", "Humidity %", Format.TEXT),
                        new WidgetConfig.GridColumn("/windKph", "Wind", Format.NUMBER, 0, "km/h"),
                        new WidgetConfig.GridColumn("/conditions", "Conditions", Format.TEXT))))));
        demo.addWidget(placed(0, 4, new Widget(WidgetType.GRID, "Prices over STOMP", stompPrices.getName(), 4, 1,
                WidgetConfig.grid(List.of(
                        new WidgetConfig.GridColumn("/symbol", "Symbol", Format.TEXT),
                        new WidgetConfig.GridColumn("/price", "Price", Format.NUMBER),
                        new WidgetConfig.GridColumn("/change", "Change", Format.NUMBER),
                        new WidgetConfig.GridColumn("/destination", "STOMP destination", Format.TEXT))))));
        dashboards.save(demo);
        log.info("Seeded the demo dashboard /dashboards/{} on the built-in feeds at {}", DEMO_SLUG, base);
        return true;
    }

    /** A value card of one symbol's last price, with its change from that symbol's price before. */
    private static Widget symbolCard(String symbol, Variable ticker) {
        return new Widget(WidgetType.VALUE, symbol + " last price", ticker.getName(), 1, 1,
                WidgetConfig.value(new WidgetConfig.Value("/price", "USD", true, true))
                        .filtered(new WidgetConfig.Filter("/symbol", symbol)));
    }

    private static Widget placed(int x, int y, Widget widget) {
        widget.placeAt(x, y);
        return widget;
    }

    private SocketService service(String name, String base, String feedName, String query, String recordPath) {
        DemoFeed feed = DemoFeedCatalog.feeds().stream()
                .filter(candidate -> candidate.name().equals(feedName))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no built-in feed " + feedName));
        var service = new SocketService();
        service.setName(name);
        service.setUrl(base + "/feeds/" + feedName + query);
        service.setDescription(feed.description());
        service.setSampleResponse(feed.sampleResponse());
        service.setRecordPath(recordPath);
        service.setProtocol(feed.protocol());
        // Its own feed on loopback: nothing to test before the server is even up.
        service.setTestSkipped(true);
        return services.save(service);
    }

    private Variable variable(String name, SocketService service, InsertStrategy strategy, int limit) {
        return variable(new Variable(), name, service, strategy, limit);
    }

    private Variable variable(Variable variable, String name, SocketService service, InsertStrategy strategy, int limit) {
        variable.setName(name);
        variable.setService(service);
        variable.setScope(VariableScope.APPLICATION);
        variable.setConnectOnLoad(true);
        variable.setStrategy(strategy);
        variable.setDataLimit(limit);
        return variables.save(variable);
    }
}
