package org.socketboard.dashboard.transfer;

import org.socketboard.base.InvalidDefinitionException;
import org.socketboard.base.Names;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.socketboard.base.JsonProblems;
import org.socketboard.dashboard.DashboardField;
import org.socketboard.dashboard.DashboardCatalog;
import org.socketboard.dashboard.DashboardValidator;
import org.socketboard.dashboard.DashboardVariables;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.ServiceDefinition;
import org.socketboard.service.ServiceInUseException;
import org.socketboard.service.ServiceSummary;
import org.socketboard.service.domain.SocketService;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.VariableDefinition;
import org.socketboard.variable.domain.Variable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Imports a dashboard bundle. The whole bundle is checked first (its shape, then every reference: a
 * variable's service and a widget's variable must be in the bundle or already on this server), then
 * its names are compared with the server's: a definition identical to the stored one is reused, a
 * different one under a taken name is a clash that needs an answer (skip, replace or rename).
 * Only then is it applied, in one transaction and through the feature catalogs (services, variables,
 * dashboard), so that any refusal on the way leaves nothing behind.
 */
@Service
public class DashboardImporter {

    private static final int MAX_NAME_LENGTH = 64;

    private final ServiceCatalog services;
    private final VariableCatalog variables;
    private final DashboardCatalog dashboards;
    private final DashboardVariables dashboardVariables;
    private final DashboardExporter exporter;
    private final DashboardValidator definitions;
    private final Validator validator;
    private final ObjectMapper json;

    public DashboardImporter(ServiceCatalog services, VariableCatalog variables, DashboardCatalog dashboards,
                             DashboardVariables dashboardVariables, DashboardExporter exporter,
                             DashboardValidator definitions, Validator validator, ObjectMapper json) {
        this.services = services;
        this.variables = variables;
        this.dashboards = dashboards;
        this.dashboardVariables = dashboardVariables;
        this.exporter = exporter;
        this.definitions = definitions;
        this.validator = validator;
        this.json = json;
    }

    /**
     * Reads an uploaded bundle document.
     *
     * @throws InvalidBundleException saying where the JSON is wrong (line, column, field)
     */
    public DashboardBundle read(byte[] document) {
        try {
            DashboardBundle bundle = json.readValue(document, DashboardBundle.class);
            if (bundle == null) {
                throw InvalidBundleException.of("document", "The file is empty, not a dashboard bundle");
            }
            return bundle;
        } catch (JsonProcessingException unreadable) {
            throw InvalidBundleException.of("document", JsonProblems.describe(unreadable));
        } catch (IOException unreadable) {
            throw InvalidBundleException.of("document", "The file cannot be read: " + unreadable.getMessage());
        }
    }

    /**
     * Checks the bundle and lists its clashes with this server, storing nothing.
     *
     * @throws InvalidBundleException when the bundle is malformed or names what exists nowhere
     */
    @Transactional(readOnly = true)
    public List<ImportConflict> conflicts(DashboardBundle bundle) {
        check(bundle);
        return clashes(bundle);
    }

    /**
     * Checks and imports the bundle in one transaction.
     *
     * @throws InvalidBundleException    when the bundle is malformed, names what exists nowhere, or a
     *                                   catalog refuses one of its definitions; nothing is stored then
     * @throws ImportConflictsException  when a clash has no answer in {@code resolutions}; nothing is stored
     */
    @Transactional
    public ImportResult importBundle(DashboardBundle bundle, ConflictResolutions resolutions) {
        check(bundle);
        Map<ImportConflict, ConflictAction> actions = new HashMap<>();
        List<ImportConflict> unresolved = new ArrayList<>();
        for (ImportConflict clash : clashes(bundle)) {
            resolutions.actionFor(clash).ifPresentOrElse(action -> actions.put(clash, action), () -> unresolved.add(clash));
        }
        if (!unresolved.isEmpty()) {
            throw new ImportConflictsException(unresolved);
        }
        return new Run(bundle, actions).apply();
    }

    // ---- checks ---------------------------------------------------------------------------------------

    private void check(DashboardBundle bundle) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (bundle.format() != DashboardBundle.FORMAT) {
            errors.put("format", "This server reads bundle format " + DashboardBundle.FORMAT + ", not " + bundle.format());
        }
        validator.validate(bundle).stream()
                .sorted(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
                .forEach(violation -> errors.putIfAbsent(violation.getPropertyPath().toString(), message(violation)));
        if (errors.isEmpty()) {
            duplicates("services", bundle.services().stream().map(ServiceDefinition::name), errors);
            duplicates("variables", bundle.variables().stream().map(VariableDefinition::name), errors);
            duplicates("dashboard.variables", bundle.dashboard().variables().stream().map(VariableDefinition::name), errors);
        }
        if (errors.isEmpty()) {
            unknownReferences(bundle, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidBundleException(errors);
        }
    }

    private static String message(ConstraintViolation<?> violation) {
        return violation.getInvalidValue() == null ? "is missing" : violation.getMessage();
    }

    private static void duplicates(String where, Stream<String> names, Map<String, String> errors) {
        Set<String> seen = new HashSet<>();
        names.filter(name -> !seen.add(Names.key(name))).findFirst()
                .ifPresent(name -> errors.put(where, "'" + name + "' is defined twice"));
    }

    private void unknownReferences(DashboardBundle bundle, Map<String, String> errors) {
        Set<String> knownServices = Stream.concat(bundle.services().stream().map(ServiceDefinition::name),
                services.list().stream().map(ServiceSummary::name)).map(Names::key).collect(Collectors.toSet());
        checkServices("variables", bundle.variables(), knownServices, errors);
        checkServices("dashboard.variables", bundle.dashboard().variables(), knownServices, errors);
        Set<String> knownVariables = Stream.concat(bundle.variables().stream().map(VariableDefinition::name),
                        variables.list().stream().filter(variable -> variable.getDashboardId() == null).map(Variable::getName))
                .map(Names::key).collect(Collectors.toSet());
        List<DashboardDefinition.WidgetDefinition> widgets = bundle.dashboard().widgets();
        for (int i = 0; i < widgets.size(); i++) {
            String name = widgets.get(i).variable();
            if (!bundle.dashboard().ownsVariable(name) && !knownVariables.contains(Names.key(name))) {
                errors.put("dashboard.widgets[" + i + "].variable", "Unknown variable '" + name
                        + "': it is neither one of the dashboard's own, nor in the bundle, nor on this server");
            }
        }
    }

    private static void checkServices(String where, List<VariableDefinition> definitions, Set<String> known,
                                      Map<String, String> errors) {
        for (int i = 0; i < definitions.size(); i++) {
            String service = definitions.get(i).service();
            if (!known.contains(Names.key(service))) {
                errors.put(where + "[" + i + "].service", "Unknown service '" + service
                        + "': it is neither in the bundle nor on this server");
            }
        }
    }

    private List<ImportConflict> clashes(DashboardBundle bundle) {
        List<ImportConflict> clashes = new ArrayList<>();
        for (ServiceDefinition service : bundle.services()) {
            services.find(service.name()).filter(stored -> !ServiceDefinition.of(stored).equals(service))
                    .ifPresent(stored -> clashes.add(new ImportConflict(ImportConflict.Kind.SERVICE, service.name())));
        }
        for (VariableDefinition variable : bundle.variables()) {
            variables.findByName(variable.name()).filter(stored -> !VariableDefinition.of(stored).equals(variable))
                    .ifPresent(stored -> clashes.add(new ImportConflict(ImportConflict.Kind.VARIABLE, variable.name())));
        }
        DashboardDefinition dashboard = bundle.dashboard();
        exporter.definition(dashboard.slug()).filter(stored -> !stored.equals(dashboard))
                .ifPresent(stored -> clashes.add(new ImportConflict(ImportConflict.Kind.DASHBOARD, dashboard.slug())));
        return clashes;
    }

    // ---- applying -------------------------------------------------------------------------------------

    /** One import under way: the answers, the names given to renamed definitions, what was done. */
    private final class Run {

        private final DashboardBundle bundle;
        private final Map<ImportConflict, ConflictAction> actions;
        private final Map<String, String> renamedServices = new HashMap<>();
        private final Map<String, String> renamedVariables = new HashMap<>();
        private final Map<String, String> renamedDashboards = new HashMap<>();
        private final List<String> changes = new ArrayList<>();

        Run(DashboardBundle bundle, Map<ImportConflict, ConflictAction> actions) {
            this.bundle = bundle;
            this.actions = actions;
        }

        ImportResult apply() {
            for (ServiceDefinition service : bundle.services()) {
                importService(service);
            }
            for (VariableDefinition variable : bundle.variables()) {
                importVariable(variable);
            }
            DashboardDefinition dashboard = bundle.dashboard();
            place(new ImportConflict(ImportConflict.Kind.DASHBOARD, dashboard.slug()),
                    dashboards.findBySlug(dashboard.slug()).isPresent(),
                    slug -> createDashboard(dashboard, slug),
                    () -> replaceDashboard(dashboard, dashboards.findBySlug(dashboard.slug()).orElseThrow()),
                    slug -> dashboards.findBySlug(slug).isPresent(), renamedDashboards);
            return new ImportResult(renamedDashboards.getOrDefault(Names.key(dashboard.slug()), dashboard.slug()), changes);
        }

        private void importService(ServiceDefinition definition) {
            String where = "services[" + definition.name() + "]";
            place(new ImportConflict(ImportConflict.Kind.SERVICE, definition.name()),
                    services.find(definition.name()).isPresent(),
                    name -> storeService(where, definition.withName(name), new SocketService()),
                    () -> storeService(where, definition, services.find(definition.name()).orElseThrow()),
                    name -> services.find(name).isPresent()
                            || bundle.services().stream().anyMatch(other -> Names.key(other.name()).equals(Names.key(name))),
                    renamedServices);
        }

        private void storeService(String where, ServiceDefinition definition, SocketService target) {
            definition.applyTo(target);
            try {
                services.save(target);
            } catch (InvalidDefinitionException refused) {
                throw invalid(where, refused.errors());
            } catch (ServiceInUseException refused) {
                throw InvalidBundleException.of(where, refused.getMessage());
            }
        }

        private void importVariable(VariableDefinition definition) {
            String where = "variables[" + definition.name() + "]";
            place(new ImportConflict(ImportConflict.Kind.VARIABLE, definition.name()),
                    variables.findByName(definition.name()).isPresent(),
                    name -> storeVariable(where, definition.withName(name), new Variable()),
                    () -> storeVariable(where, definition, variables.findByName(definition.name()).orElseThrow()),
                    name -> variables.findByName(name).isPresent()
                            || bundle.variables().stream().anyMatch(other -> Names.key(other.name()).equals(Names.key(name))),
                    renamedVariables);
        }

        private void storeVariable(String where, VariableDefinition definition, Variable target) {
            String serviceName = renamedServices.getOrDefault(Names.key(definition.service()), definition.service());
            SocketService service = services.find(serviceName).orElseThrow(() -> InvalidBundleException.of(
                    where + ".service", "Unknown service '" + serviceName + "'"));
            definition.withService(serviceName).applyTo(target, service);
            try {
                variables.save(target);
            } catch (InvalidDefinitionException refused) {
                throw invalid(where, refused.errors());
            }
        }

        private void createDashboard(DashboardDefinition definition, String slug) {
            Dashboard dashboard = new Dashboard(definition.name(), slug, definition.description());
            definition.applyTo(dashboard, slug);
            // Stored once without widgets: its own variables need its id before widgets can name them.
            fill(storeDashboard(dashboard), definition);
        }

        private void replaceDashboard(DashboardDefinition definition, Dashboard stored) {
            // Checked on a copy before the stored one changes: a query flushes what the stored dashboard
            // holds (a name too long for its column would fail there, as a server error). Its slug stays
            // as it is, so no stored dashboard is asked for it: the stored one's own would be no error.
            Dashboard proposed = new Dashboard(definition.name(), stored.getSlug(), definition.description());
            definition.applyTo(proposed, stored.getSlug());
            Map<DashboardField, String> refused = definitions.check(proposed, slug -> Optional.empty());
            if (!refused.isEmpty()) {
                throw invalid("dashboard", refused);
            }
            definition.applyTo(stored, stored.getSlug());
            List.copyOf(stored.getWidgets()).forEach(stored::removeWidget);
            dashboardVariables.ownedBy(stored).stream()
                    .filter(variable -> !definition.ownsVariable(variable.getName()))
                    .forEach(variable -> variables.delete(variable.getId()));
            fill(stored, definition);
        }

        /** Stores the dashboard's own variables, then its widgets. */
        private void fill(Dashboard dashboard, DashboardDefinition definition) {
            Map<String, Variable> own = dashboardVariables.ownedBy(dashboard).stream()
                    .collect(Collectors.toMap(Variable::getNameKey, variable -> variable));
            for (VariableDefinition variable : definition.variables()) {
                Variable target = own.get(Names.key(variable.name()));
                if (target == null) {
                    target = new Variable();
                    target.setDashboardId(dashboard.getId());
                }
                storeVariable("dashboard.variables[" + variable.name() + "]", variable, target);
            }
            for (DashboardDefinition.WidgetDefinition widget : definition.widgets()) {
                String variable = definition.ownsVariable(widget.variable())
                        ? widget.variable()
                        : renamedVariables.getOrDefault(Names.key(widget.variable()), widget.variable());
                // Checked before it joins the stored dashboard: the checks query, and a query flushes what the
                // dashboard holds (a title too long for its column would fail there, as a server error).
                Widget built = widget.toWidget(variable);
                Map<DashboardField, String> refused = definitions.checkWidget(built, dashboardVariables.nameableIn(dashboard));
                if (!refused.isEmpty()) {
                    throw invalid("dashboard", refused);
                }
                dashboard.addWidget(built);
            }
            storeDashboard(dashboard);
        }

        private Dashboard storeDashboard(Dashboard dashboard) {
            try {
                return dashboards.save(dashboard);
            } catch (InvalidDefinitionException refused) {
                throw invalid("dashboard", refused.errors());
            }
        }

        /**
         * Stores a definition as its clash's answer says: created when the name is free, left alone when
         * the stored one is the same (no answer needed), else skipped, replaced or created under a free name.
         */
        private void place(ImportConflict item, boolean taken, Consumer<String> create, Runnable replace,
                           Predicate<String> nameTaken, Map<String, String> renamed) {
            if (!taken) {
                create.accept(item.name());
                changes.add(item + " created");
                return;
            }
            ConflictAction action = actions.get(item);
            if (action == null) {
                changes.add(item + " is already here, the same");
                return;
            }
            switch (action) {
                case SKIP -> changes.add(item + " kept as it is on this server");
                case REPLACE -> {
                    replace.run();
                    changes.add(item + " replaced");
                }
                case RENAME -> {
                    String name = freeName(item.name(), nameTaken);
                    renamed.put(Names.key(item.name()), name);
                    create.accept(name);
                    changes.add(item + " created as '" + name + "'");
                }
            }
        }
    }

    /** {@code name-2}, {@code name-3}, … the first that is free, cut to fit the longest name. */
    private static String freeName(String name, Predicate<String> taken) {
        for (int number = 2; ; number++) {
            String suffix = "-" + number;
            String base = name.trim();
            String candidate = base.substring(0, Math.min(base.length(), MAX_NAME_LENGTH - suffix.length())) + suffix;
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
    }

    private static InvalidBundleException invalid(String where, Map<? extends Enum<?>, String> errors) {
        Map<String, String> located = new LinkedHashMap<>();
        errors.forEach((field, message) -> located.put(where + "." + field.name(), message));
        return new InvalidBundleException(located);
    }
}
