package org.socketboard.variable.ui;

import org.socketboard.variable.VariableField;
import org.socketboard.base.InvalidDefinitionException;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.socketboard.base.ui.Notifications;
import org.socketboard.push.UiFlushers;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.VariableRegistry;
import org.socketboard.variable.domain.Variable;
import org.springframework.dao.ConcurrencyFailureException;

import java.util.Map;
import java.util.Optional;

/**
 * {@code /variables/new} and {@code /variables/{name}}: the definition form, and for a saved variable
 * its live inspector below it.
 */
@RolesAllowed("EDITOR")
@Route("variables/:name")
public class VariableEditorView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final VariableCatalog catalog;
    private final ServiceCatalog services;
    private final VariableRegistry registry;
    private final UiFlushers flushers;
    private final H2 title = new H2();
    private final VariableForm form = new VariableForm();
    private VariableInspector inspector;

    public VariableEditorView(VariableCatalog catalog, ServiceCatalog services, VariableRegistry registry,
                              UiFlushers flushers) {
        this.catalog = catalog;
        this.services = services;
        this.registry = registry;
        this.flushers = flushers;
        form.addSaveListener(event -> save(event.variable()));
        add(title, form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String name = event.getRouteParameters().get("name").orElse(VariableCatalog.NEW_VARIABLE_PATH);
        if (name.equals(VariableCatalog.NEW_VARIABLE_PATH)) {
            var variable = new Variable();
            // "Create a variable on it" after saving a service: that service is chosen already.
            event.getLocation().getQueryParameters().getSingleParameter("service")
                    .flatMap(services::find)
                    .ifPresent(variable::setService);
            show(variable);
            return;
        }
        catalog.findByName(name).ifPresentOrElse(this::show, () -> {
            Notifications.error("There is no variable called '" + name + "'");
            event.forwardTo(VariableListView.class);
        });
    }

    private void show(Variable variable) {
        title.setText(variable.isNew() ? "New variable" : variable.getName());
        form.setServices(services.list().stream()
                .map(summary -> services.find(summary.name()))
                .flatMap(Optional::stream)
                .toList());
        form.setMaxRecords(catalog.settings().maxRecords());
        form.edit(variable);
        // A saved change shows a new inspector: what the old one held open by hand stays open.
        boolean heldOpen = false;
        if (inspector != null) {
            heldOpen = inspector.isHeldOpen();
            remove(inspector);
            inspector = null;
        }
        if (!variable.isNew()) {
            inspector = new VariableInspector(variable, registry, flushers, heldOpen);
            add(inspector);
        }
    }

    private void save(Variable variable) {
        boolean created = variable.isNew();
        try {
            Variable saved = catalog.save(variable);
            form.showErrors(Map.of());
            Notifications.successWithNextStep("Saved " + saved.getName(), "variable-next-dashboard",
                    "Add it to a dashboard", "dashboards?variable=" + Notifications.queryValue(saved.getName()));
            if (created || !title.getText().equals(saved.getName())) {
                getUI().ifPresent(ui -> ui.navigate("variables/" + saved.getName()));
            } else {
                show(saved);
            }
        } catch (InvalidDefinitionException refused) {
            form.showErrors(refused.errorsOf(VariableField.class));
        } catch (ConcurrencyFailureException changedMeanwhile) {
            Notifications.error("Someone else changed this variable meanwhile: reload the page to see their version");
        }
    }

    @Override
    public String getPageTitle() {
        return title.getText() + " · Variables";
    }
}
