package org.socketboard.dashboard;

import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.FieldType;
import org.socketboard.service.domain.SocketService;
import org.socketboard.service.domain.SocketServiceRepository;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** Stores a ticker service (with its record fields) and variables on it, for dashboard tests. */
@Component
public class DashboardFixtures {

    public static final List<FieldMeta> TICK_FIELDS = List.of(
            FieldMeta.leaf("symbol", "/symbol", FieldType.STRING, "ACME"),
            FieldMeta.leaf("price", "/price", FieldType.NUMBER, "101.23"),
            FieldMeta.leaf("volume", "/volume", FieldType.INTEGER, "1200"),
            FieldMeta.leaf("ts", "/ts", FieldType.STRING, "2026-11-25T12:00:00.123Z"));

    private final SocketServiceRepository services;
    private final VariableCatalog variables;

    public DashboardFixtures(SocketServiceRepository services, VariableCatalog variables) {
        this.services = services;
        this.variables = variables;
    }

    public SocketService tickerService(String url) {
        var service = new SocketService();
        service.setName("ticker " + System.nanoTime());
        service.setUrl(url);
        service.setResponseFields(TICK_FIELDS);
        service.setTestSkipped(true);
        service.touch(Instant.now());
        return services.save(service);
    }

    /** An Add-as-last-record variable of 100 records on {@code service}; dashboard-scoped when {@code dashboardId} is given. */
    public Variable variable(String name, SocketService service, Long dashboardId, boolean connectOnLoad) {
        return variable(name, service, dashboardId, connectOnLoad, InsertStrategy.ADD_LAST, 100);
    }

    public Variable variable(String name, SocketService service, Long dashboardId, boolean connectOnLoad,
                             InsertStrategy strategy, int limit) {
        var variable = new Variable();
        variable.setName(name);
        variable.setService(service);
        variable.setScope(dashboardId == null ? VariableScope.APPLICATION : VariableScope.DASHBOARD);
        variable.setDashboardId(dashboardId);
        variable.setConnectOnLoad(connectOnLoad);
        variable.setStrategy(strategy);
        variable.setDataLimit(limit);
        return variables.save(variable);
    }

    public static Widget valueCard(String title, String variableName) {
        return new Widget(WidgetType.VALUE, title, variableName, 1, 1,
                WidgetConfig.value(new WidgetConfig.Value("/price", null, true, false)));
    }

    public static String unique(String prefix) {
        return prefix + "-" + System.nanoTime();
    }
}
