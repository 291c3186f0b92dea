package org.socketboard.variable.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.socketboard.live.Subscription;
import org.socketboard.push.UiFlushers;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.VariableRegistry;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;
import org.socketboard.variable.runtime.LiveVariable;
import org.socketboard.variable.runtime.StateWords;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code /variables}: every variable with its scope, service, live state and message rate. */
@RolesAllowed("EDITOR")
@Route("variables")
@PageTitle("Variables")
@Menu(title = "Variables", order = 2, icon = "vaadin:connect")
public class VariableListView extends VerticalLayout {

    private final VariableCatalog catalog;
    private final VariableRegistry registry;
    private final UiFlushers flushers;
    private final Grid<Variable> grid = new Grid<>();
    private final VerticalLayout empty = new VerticalLayout();
    private List<Variable> variables = List.of();
    private Subscription watching;

    public VariableListView(VariableCatalog catalog, VariableRegistry registry, UiFlushers flushers) {
        this.catalog = catalog;
        this.registry = registry;
        this.flushers = flushers;
        setSizeFull();

        var create = newVariableButton("variable-new");
        var header = new HorizontalLayout(new H2("Variables"), create);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.setId("variable-list");
        grid.addColumn(Variable::getName).setHeader("Name").setKey("name").setSortable(true);
        grid.addColumn(variable -> VariableForm.scopeLabel(variable.getScope())).setHeader("Scope").setKey("scope");
        grid.addColumn(variable -> variable.getService().getName()).setHeader("Service").setKey("service");
        grid.addColumn(this::stateOf).setHeader("State").setKey("state");
        grid.addColumn(this::rateOf).setHeader("Messages/s").setKey("rate");
        // A click anywhere on a row opens it too, but nothing says so: the button is the visible way in.
        grid.addComponentColumn(VariableListView::inspectButton).setHeader("").setKey("inspect").setAutoWidth(true).setFlexGrow(0);
        grid.addItemClickListener(click -> grid.getUI()
                .ifPresent(ui -> ui.navigate("variables/" + click.getItem().getName())));

        empty.setId("variable-list-empty");
        empty.add(new Paragraph("No variables yet. A variable connects to a service and keeps its newest records "
                + "for dashboards to show."), newVariableButton("variable-new-first"));
        empty.setAlignItems(FlexComponent.Alignment.CENTER);

        add(header, grid, empty);
    }

    private static Button newVariableButton(String id) {
        var create = new Button("New variable", VaadinIcon.PLUS.create(),
                click -> click.getSource().getUI().ifPresent(ui -> ui.navigate("variables/" + VariableCatalog.NEW_VARIABLE_PATH)));
        create.setId(id);
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        return create;
    }

    /** Opens the variable page: its live state, frames and data ({@code variables-inspect-<name>}). */
    private static Button inspectButton(Variable variable) {
        var inspect = new Button("Inspect", click -> UI.getCurrent().navigate("variables/" + variable.getName()));
        // An id holds no spaces; a name may.
        inspect.setId("variables-inspect-" + variable.getName().replace(' ', '-'));
        inspect.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        return inspect;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        variables = catalog.list();
        grid.setItems(variables);
        grid.setVisible(!variables.isEmpty());
        empty.setVisible(variables.isEmpty());
        // The live columns are read at each tick of the UI's flusher; the rows go again only when one changed.
        watching = flushers.forUi(attachEvent.getUI()).watch(this::liveColumns, columns -> grid.getDataProvider().refreshAll());
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        watching.close();
        super.onDetach(detachEvent);
    }

    /** The live columns of every row: the grid is refreshed when one of them changes. */
    private Object liveColumns() {
        return variables.stream().map(variable -> stateOf(variable) + " " + rateOf(variable)).toList();
    }

    private Optional<LiveVariable> running(Variable variable) {
        return registry.running(variable.getId());
    }

    private String stateOf(Variable variable) {
        if (variable.getScope() == VariableScope.DASHBOARD) {
            return "per dashboard tab";
        }
        return running(variable).map(live -> StateWords.of(live).words()).orElse("closed");
    }

    private String rateOf(Variable variable) {
        return running(variable).map(live -> String.format(Locale.ROOT, "%.1f", live.stats().messagesPerSecond())).orElse("");
    }
}
