package org.socketboard.dashboard.transfer;

import org.socketboard.base.Names;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.socketboard.dashboard.DashboardCatalog;
import org.socketboard.dashboard.DashboardSummary;
import org.socketboard.dashboard.DashboardVariables;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.service.ServiceDefinition;
import org.socketboard.service.domain.SocketService;
import org.socketboard.variable.VariableDefinition;
import org.socketboard.variable.domain.Variable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes stored dashboards out as definitions and bundles: a bundle holds the dashboard with its own
 * variables, the application variables its widgets name and the services of all of those, each list
 * sorted by name so that the same dashboard always exports to the same document. Only dashboards the
 * signed-in user may see are written out.
 */
@Service
@Transactional(readOnly = true)
public class DashboardExporter {

    private final DashboardCatalog dashboards;
    private final DashboardVariables variables;
    private final ObjectMapper json;

    public DashboardExporter(DashboardCatalog dashboards, DashboardVariables variables, ObjectMapper json) {
        this.dashboards = dashboards;
        this.variables = variables;
        this.json = json;
    }

    public Optional<DashboardDefinition> definition(String slug) {
        return dashboards.findVisible(slug).map(this::definitionOf);
    }

    /** Every dashboard the signed-in user may see, in list order. */
    public List<DashboardDefinition> definitions() {
        return dashboards.listVisible().stream().map(DashboardSummary::slug).map(this::definition)
                .flatMap(Optional::stream).toList();
    }

    public Optional<DashboardBundle> bundle(String slug) {
        return dashboards.findVisible(slug).map(this::bundleOf);
    }

    /** The bundle as an indented JSON document, for a download. */
    public Optional<byte[]> bundleJson(String slug) {
        return bundle(slug).map(bundle -> {
            try {
                return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(bundle);
            } catch (JsonProcessingException plainRecordsAlwaysWrite) {
                throw new IllegalStateException("Cannot write the bundle of '" + slug + "'", plainRecordsAlwaysWrite);
            }
        });
    }

    /** The name of a bundle's download, e.g. {@code live-prices.dashboard.json}. */
    public static String fileName(String slug) {
        return slug + ".dashboard.json";
    }

    private DashboardDefinition definitionOf(Dashboard dashboard) {
        return DashboardDefinition.of(dashboard, variables.ownedBy(dashboard));
    }

    private DashboardBundle bundleOf(Dashboard dashboard) {
        List<Variable> own = variables.ownedBy(dashboard);
        Map<String, Variable> used = new TreeMap<>();
        dashboard.getWidgets().stream().map(Widget::getVariableName).distinct()
                .map(name -> variables.find(dashboard, name))
                .flatMap(Optional::stream)
                .filter(variable -> variable.getDashboardId() == null)
                .forEach(variable -> used.put(variable.getNameKey(), variable));
        Map<String, SocketService> services = new LinkedHashMap<>();
        Stream.concat(own.stream(), used.values().stream()).map(Variable::getService)
                .sorted(Comparator.comparing(service -> Names.key(service.getName())))
                .forEach(service -> services.putIfAbsent(Names.key(service.getName()), service));
        return new DashboardBundle(DashboardBundle.FORMAT,
                services.values().stream().map(ServiceDefinition::of).toList(),
                used.values().stream().map(VariableDefinition::of).toList(),
                DashboardDefinition.of(dashboard, own));
    }
}
