package org.socketboard.api;

import org.socketboard.base.Names;
import org.socketboard.dashboard.DashboardCatalog;
import org.socketboard.dashboard.DashboardSummary;
import org.socketboard.dashboard.DashboardVariables;
import org.socketboard.dashboard.transfer.ConflictAction;
import org.socketboard.dashboard.transfer.ConflictResolutions;
import org.socketboard.dashboard.transfer.DashboardBundle;
import org.socketboard.dashboard.transfer.DashboardDefinition;
import org.socketboard.dashboard.transfer.DashboardExporter;
import org.socketboard.dashboard.transfer.DashboardImporter;
import org.socketboard.dashboard.transfer.ImportResult;
import org.socketboard.security.CurrentUser;
import org.socketboard.security.domain.Role;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.ServiceDefinition;
import org.socketboard.service.ServiceSummary;
import org.socketboard.service.domain.SocketService;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.VariableDefinition;
import org.socketboard.variable.VariableRegistry;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;
import org.socketboard.live.DatasetChange;
import org.socketboard.variable.runtime.LiveVariable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the REST API does, one transaction per call: definitions in and out through the feature
 * catalogs (which validate), so that the API stores exactly what the views would. Each call checks the
 * caller's role first: changing services for admins, variables and dashboards for editors (a bundle
 * import that creates services needs an admin); reading services for editors; viewers read only what
 * is shared with them: the dashboards shared with them and the variables (and datasets) those
 * dashboards use or own. Anything else is answered as if it did not exist (404), as for dashboards.
 */
@Service
@Transactional
public class Provisioning {

    private final ServiceCatalog services;
    private final VariableCatalog variables;
    private final VariableRegistry registry;
    private final DashboardCatalog dashboards;
    private final DashboardExporter exporter;
    private final DashboardImporter importer;
    private final DashboardVariables dashboardVariables;
    private final CurrentUser currentUser;

    public Provisioning(ServiceCatalog services, VariableCatalog variables, VariableRegistry registry,
                        DashboardCatalog dashboards, DashboardExporter exporter, DashboardImporter importer,
                        DashboardVariables dashboardVariables, CurrentUser currentUser) {
        this.services = services;
        this.variables = variables;
        this.registry = registry;
        this.dashboards = dashboards;
        this.exporter = exporter;
        this.importer = importer;
        this.dashboardVariables = dashboardVariables;
        this.currentUser = currentUser;
    }

    // ---- services ---------------------------------------------------------------------------------

    @PreAuthorize("hasRole('EDITOR')")
    @Transactional(readOnly = true)
    public List<ServiceDefinition> services() {
        return services.list().stream().map(ServiceSummary::name).map(this::service).flatMap(Optional::stream).toList();
    }

    @PreAuthorize("hasRole('EDITOR')")
    @Transactional(readOnly = true)
    public Optional<ServiceDefinition> service(String name) {
        return services.find(name).map(ServiceDefinition::of);
    }

    /** Creates or replaces the named service; secret values left out of {@code definition} stay as stored. */
    @PreAuthorize("hasRole('ADMIN')")
    public Stored<ServiceDefinition> putService(String name, ServiceDefinition definition) {
        requireSame("name", name, definition.name());
        Optional<SocketService> existing = services.find(name);
        SocketService target = existing.orElseGet(SocketService::new);
        definition.applyTo(target);
        return new Stored<>(ServiceDefinition.of(services.save(target)), existing.isEmpty());
    }

    /** @return false when there was no such service */
    @PreAuthorize("hasRole('ADMIN')")
    public boolean deleteService(String name) {
        if (services.find(name).isEmpty()) {
            return false;
        }
        services.delete(name);
        return true;
    }

    // ---- variables (those of no dashboard; a dashboard's own come with the dashboard) -----------------

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<VariableDefinition> variables() {
        Predicate<Variable> readable = readableVariables();
        return variables.list().stream().filter(variable -> variable.getDashboardId() == null)
                .filter(readable).map(VariableDefinition::of).toList();
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Optional<VariableDefinition> variable(String name) {
        return readableVariable(name).map(VariableDefinition::of);
    }

    /** Creates or replaces the named variable; parameter values left out (withheld secrets) stay as stored. */
    @PreAuthorize("hasRole('EDITOR')")
    public Stored<VariableDefinition> putVariable(String name, VariableDefinition definition) {
        requireSame("name", name, definition.name());
        SocketService service = services.find(definition.service()).orElseThrow(() -> new UnknownReferenceException(
                "service", "Unknown service '" + definition.service() + "': import or create it first"));
        Optional<Variable> existing = variables.findByName(name);
        Variable target = existing.orElseGet(Variable::new);
        definition.applyTo(target, service);
        return new Stored<>(VariableDefinition.of(variables.save(target)), existing.isEmpty());
    }

    /** @return false when there was no such variable */
    @PreAuthorize("hasRole('EDITOR')")
    public boolean deleteVariable(String name) {
        Optional<Variable> existing = variables.findByName(name);
        existing.ifPresent(variable -> variables.delete(variable.getId()));
        return existing.isPresent();
    }

    /**
     * The records of the shared instance of an application variable, read in one consistent step.
     *
     * @throws ResponseStatusException 404 for an unknown variable or one the caller may not read, 409 for
     *                                 a dashboard variable (it has one dataset per open dashboard tab,
     *                                 none shared)
     */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public DatasetSnapshot dataset(String name) {
        Variable variable = readableVariable(name).orElseThrow(() -> notFound("variable", name));
        if (variable.getScope() != VariableScope.APPLICATION) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Variable '" + variable.getName()
                    + "' has dashboard scope: each open dashboard tab has its own dataset, so there is no shared one");
        }
        return registry.running(variable.getId())
                .map(live -> snapshotOf(variable.getName(), live))
                .orElseGet(() -> new DatasetSnapshot(variable.getName(), "CLOSED", 0, 0, List.of()));
    }

    private Optional<Variable> readableVariable(String name) {
        return variables.findByName(name).filter(readableVariables());
    }

    /**
     * Which variables the caller may read: editors every one; others those that a dashboard they see
     * uses in a widget or owns.
     */
    private Predicate<Variable> readableVariables() {
        if (currentUser.hasRole(Role.EDITOR)) {
            return variable -> true;
        }
        Set<Long> readable = new HashSet<>();
        for (DashboardSummary summary : dashboards.listVisible()) {
            dashboards.findVisible(summary.slug()).ifPresent(dashboard -> {
                dashboardVariables.ownedBy(dashboard).forEach(variable -> readable.add(variable.getId()));
                // Resolved as the widget resolves it: the dashboard's own variable of that name first.
                dashboard.getWidgets().forEach(widget -> dashboardVariables.find(dashboard, widget.getVariableName())
                        .ifPresent(variable -> readable.add(variable.getId())));
            });
        }
        return variable -> readable.contains(variable.getId());
    }

    private static DatasetSnapshot snapshotOf(String name, LiveVariable live) {
        // Everything since before the first version: the whole dataset and its version, under one lock.
        DatasetChange all = live.dataset().changesSince(-1);
        return new DatasetSnapshot(name, live.state().name(), all.toVersion(), all.added().size(), all.added());
    }

    // ---- dashboards -----------------------------------------------------------------------------------

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<DashboardDefinition> dashboards() {
        return exporter.definitions();
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Optional<DashboardDefinition> dashboard(String slug) {
        return exporter.definition(slug);
    }

    /**
     * Creates or replaces the dashboard with its own variables; the application variables its widgets
     * name must exist already.
     */
    @PreAuthorize("hasRole('EDITOR')")
    public Stored<DashboardDefinition> putDashboard(String slug, DashboardDefinition definition) {
        requireSame("slug", slug, definition.slug());
        boolean created = dashboards.findBySlug(slug).isEmpty();
        importer.importBundle(DashboardBundle.of(definition),
                created ? ConflictResolutions.none() : ConflictResolutions.all(ConflictAction.REPLACE));
        return new Stored<>(exporter.definition(slug).orElseThrow(), created);
    }

    /** @return false when there was no such dashboard */
    @PreAuthorize("hasRole('EDITOR')")
    public boolean deleteDashboard(String slug) {
        if (dashboards.findBySlug(slug).isEmpty()) {
            return false;
        }
        dashboards.delete(slug);
        return true;
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Optional<DashboardBundle> export(String slug) {
        return exporter.bundle(slug);
    }

    @PreAuthorize("hasRole('EDITOR')")
    public ImportResult importBundle(DashboardBundle bundle, ConflictResolutions resolutions) {
        return importer.importBundle(bundle, resolutions);
    }

    static ResponseStatusException notFound(String what, String name) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no " + what + " '" + name + "'");
    }

    private static void requireSame(String field, String inPath, String inBody) {
        if (!Names.key(inPath).equals(Names.key(inBody))) {
            throw new DefinitionNameMismatchException(field, inPath, inBody);
        }
    }
}
