package org.socketboard;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socketboard.dashboard.DashboardCatalog;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.security.SystemAuthentication;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.FieldType;
import org.socketboard.service.domain.ParamLocation;
import org.socketboard.service.domain.ServiceParam;
import org.socketboard.service.domain.SocketService;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Definitions are stored, not held in memory: what an admin creates through the catalogs is all there,
 * with its details, after the application is stopped and started again on the same database. Runs on
 * an H2 file in a temp dir, and under the {@code postgres} profile on one schema fixed for both starts
 * (the profile's {@code PostgresTestSchema} then replaces the H2 URL).
 */
@Tag("database")
class DefinitionsSurviveRestartTest {

    private static final String TICK = """
            {"type": "ticks", "data": [{"symbol": "ACME", "price": 101.5, "ts": "2026-01-01T00:00:00Z"}]}""";

    @TempDir
    Path dataDir;

    @Test
    void aServiceAVariableAndADashboardAreAllThereAfterARestart() {
        String[] sameDatabase = {
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("socketboard") + ";AUTO_SERVER=FALSE;WRITE_DELAY=0",
                "--socketboard.test.schema=sb_restart_" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36),
                // Nothing connects at start: the definitions are the subject here, not the live feeds.
                "--socketboard.demo.enabled=false"};

        Instant testedAt;
        try (var first = start(sameDatabase)) {
            // Changes go through method security: made as the app's own system user, like the demo seeding.
            testedAt = SystemAuthentication.call(() -> createDefinitions(first));
        }

        try (var second = start(sameDatabase)) {
            SystemAuthentication.run(() -> assertDefinitions(second, testedAt));
        }
    }

    private Instant createDefinitions(ConfigurableApplicationContext first) {
        var service = first.getBean(ServiceCatalog.class).save(tickerService());
        Instant testedAt = service.getLastTestedAt();
        first.getBean(VariableCatalog.class).save(tickerVariable(service));
        var dashboard = new Dashboard("Prices", "prices", "What ACME costs");
        dashboard.setSharedWithRoles(List.of("VIEWER"));
        dashboard.addWidget(new Widget(WidgetType.CHART, "ACME price", "acme", 3, 2,
                WidgetConfig.chart(new WidgetConfig.Chart(WidgetConfig.ChartKind.LINE, WidgetConfig.XSource.TIMESTAMP,
                        "/ts", List.of(new WidgetConfig.Series("/price", "Price")), "Time", "Price", "USD"))));
        first.getBean(DashboardCatalog.class).save(dashboard);
        return testedAt;
    }

    private void assertDefinitions(ConfigurableApplicationContext second, Instant testedAt) {
        var service = second.getBean(ServiceCatalog.class).find("ticker").orElseThrow();
        assertThat(service.getUrl()).isEqualTo("ws://quotes.example.com/stream/{market}");
        assertThat(service.getDescription()).isEqualTo("Stock ticks");
        assertThat(service.getParams()).extracting(ServiceParam::name, ServiceParam::location)
                .containsExactly(tuple("market", ParamLocation.PATH));
        assertThat(service.getSampleResponse()).isEqualTo(TICK);
        assertThat(service.getRecordPath()).isEqualTo("/data");
        assertThat(service.getResponseFields()).extracting(FieldMeta::path, FieldMeta::type)
                .contains(tuple("/price", FieldType.NUMBER), tuple("/symbol", FieldType.STRING));
        assertThat(service.getLastTestSucceeded()).isTrue();
        assertThat(service.getLastTestedAt()).isEqualTo(testedAt);

        var variable = second.getBean(VariableCatalog.class).findByName("acme").orElseThrow();
        assertThat(variable.getService().getName()).isEqualTo("ticker");
        assertThat(variable.getScope()).isEqualTo(VariableScope.APPLICATION);
        assertThat(variable.getStrategy()).isEqualTo(InsertStrategy.ADD_LAST);
        assertThat(variable.getDataLimit()).isEqualTo(20);
        assertThat(variable.isConnectOnLoad()).isFalse();
        assertThat(variable.getParamValues()).containsExactlyEntriesOf(Map.of("market", "stocks"));
        assertThat(variable.getSendOnOpen()).containsExactly("{\"subscribe\":\"ACME\"}");

        var dashboard = second.getBean(DashboardCatalog.class).findBySlug("prices").orElseThrow();
        assertThat(dashboard.getName()).isEqualTo("Prices");
        assertThat(dashboard.getDescription()).isEqualTo("What ACME costs");
        assertThat(dashboard.getSharedWithRoles()).containsExactly("VIEWER");
        assertThat(dashboard.getWidgets()).singleElement().satisfies(widget -> {
            assertThat(widget.getType()).isEqualTo(WidgetType.CHART);
            assertThat(widget.getTitle()).isEqualTo("ACME price");
            assertThat(widget.getVariableName()).isEqualTo("acme");
            assertThat(widget.getWidth()).isEqualTo(3);
            assertThat(widget.getHeight()).isEqualTo(2);
            assertThat(widget.getConfig().chart().series()).extracting(WidgetConfig.Series::field)
                    .containsExactly("/price");
            assertThat(widget.getConfig().chart().unit()).isEqualTo("USD");
        });
    }

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(Application.class).run(args);
    }

    private static SocketService tickerService() {
        var service = new SocketService();
        service.setName("ticker");
        service.setUrl("ws://quotes.example.com/stream/{market}");
        service.setDescription("Stock ticks");
        service.setParams(List.of(new ServiceParam("market", ParamLocation.PATH, FieldType.STRING, null, true, false)));
        service.setSampleResponse(TICK);
        service.setRecordPath("/data");
        service.recordTest(true, "Connected; first message received after 12 ms", Instant.parse("2026-01-01T10:15:30Z"));
        return service;
    }

    private static Variable tickerVariable(SocketService service) {
        var variable = new Variable();
        variable.setName("acme");
        variable.setService(service);
        variable.setScope(VariableScope.APPLICATION);
        variable.setStrategy(InsertStrategy.ADD_LAST);
        variable.setDataLimit(20);
        variable.setParamValues(Map.of("market", "stocks"));
        variable.setSendOnOpen(List.of("{\"subscribe\":\"ACME\"}"));
        return variable;
    }
}
