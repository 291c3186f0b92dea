package org.socketboard.dashboard.ui;

import org.socketboard.base.BidiControls;
import org.socketboard.base.InvalidDefinitionException;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.socketboard.base.ui.Notifications;
import org.socketboard.dashboard.DashboardField;
import org.socketboard.dashboard.DashboardCatalog;
import org.socketboard.dashboard.DashboardVariables;
import org.springframework.dao.ConcurrencyFailureException;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.security.domain.Role;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Edits a dashboard: its name, slug, description and sharing (saved with "Save"), and its widgets,
 * each change stored at once: add (type, title, variable, fields from dropdowns), edit (the same
 * dialog, prefilled), duplicate, remove. Where they sit and how big they are is arranged by dragging
 * on the dashboard itself. {@code /dashboards/new} starts a new dashboard; widgets come once it is saved.
 */
@RolesAllowed("EDITOR")
@Route("dashboards/:" + DashboardView.SLUG_PARAMETER + "/edit")
@RouteAlias("dashboards/new")
@PageTitle("Edit dashboard")
public class DashboardEditorView extends VerticalLayout implements BeforeEnterObserver {

    private final DashboardCatalog dashboards;
    private final DashboardVariables variables;
    private final H2 heading = new H2();
    private final TextField name = new TextField("Name");
    private final TextField slug = new TextField("Slug");
    private final TextArea description = new TextArea("Description");
    private final CheckboxGroup<Role> sharedWithRoles = new CheckboxGroup<>("Shared with roles");
    private final TextField sharedWithUsers = new TextField("Shared with users");
    private final Div widgetRows = new Div();
    private final VerticalLayout widgetSection = new VerticalLayout();
    /** View and Delete: only for a saved dashboard. */
    private final Button view = new Button("View", VaadinIcon.EYE.create());
    private final Button delete = new Button("Delete", VaadinIcon.TRASH.create());
    private Dashboard dashboard;
    private boolean slugEdited;

    public DashboardEditorView(DashboardCatalog dashboards, DashboardVariables variables) {
        this.dashboards = dashboards;
        this.variables = variables;
        // The service's limits, so that nobody types past what it stores (it still says so at save).
        name.setMaxLength(Dashboard.MAX_NAME_LENGTH);
        slug.setMaxLength(Dashboard.MAX_SLUG_LENGTH);
        description.setMaxLength(Dashboard.MAX_DESCRIPTION_LENGTH);
        name.setId("dashboard-name");
        name.setRequired(true);
        slug.setId("dashboard-slug");
        slug.setRequired(true);
        slug.setHelperText("The address: /dashboards/<slug>; lower-case letters, digits and '-'");
        description.setId("dashboard-description");
        sharedWithRoles.setId("dashboard-shared-roles");
        sharedWithRoles.setItems(Role.values());
        sharedWithRoles.setItemLabelGenerator(Role::plural);
        sharedWithRoles.setHelperText("Editors and admins see every dashboard; viewers only those shared with them");
        sharedWithUsers.setId("dashboard-shared-users");
        sharedWithUsers.setHelperText("Comma-separated user names who may view it besides the roles ticked");
        name.addValueChangeListener(change -> suggestSlug(change.getValue()));
        slug.addValueChangeListener(change -> slugEdited |= change.isFromClient());

        var save = new Button("Save", click -> save());
        save.setId("dashboard-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        view.addClickListener(click -> openDashboard());
        view.setId("dashboard-view");
        delete.addClickListener(click -> confirmDelete());
        delete.setId("dashboard-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        var form = new FormLayout(name, slug, description, sharedWithRoles, sharedWithUsers);
        form.setColspan(description, 2);

        var addWidget = new Button("Add widget", VaadinIcon.PLUS.create(), click -> openWidgetDialog(null));
        addWidget.setId("dashboard-add-widget");
        widgetRows.setId("dashboard-widgets");
        widgetRows.setWidthFull();
        widgetSection.setPadding(false);
        widgetSection.add(new HorizontalLayout(new H3("Widgets"), addWidget), widgetRows);
        add(heading, form, new HorizontalLayout(save, view, delete), widgetSection);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var slugParameter = event.getRouteParameters().get(DashboardView.SLUG_PARAMETER);
        if (slugParameter.isEmpty()) {
            show(new Dashboard("", "", ""));
            return;
        }
        // "Add a widget on <variable> here", from the dashboards list after saving a variable.
        var variableToAdd = event.getLocation().getQueryParameters().getSingleParameter("variable");
        dashboards.findBySlug(slugParameter.get()).ifPresentOrElse(found -> {
            show(found);
            variableToAdd.ifPresent(this::openWidgetDialogOn);
        }, () -> {
            event.forwardTo(DashboardListView.class);
            Notifications.error("There is no dashboard '" + slugParameter.get() + "'");
        });
    }

    private void show(Dashboard shown) {
        dashboard = shown;
        slugEdited = !shown.isNew();
        heading.setText(shown.isNew() ? "New dashboard" : "Edit " + BidiControls.strip(shown.getName()));
        name.setValue(shown.getName());
        slug.setValue(shown.getSlug());
        description.setValue(shown.getDescription() == null ? "" : shown.getDescription());
        sharedWithRoles.setValue(shown.getSharedWithRoles().stream()
                .flatMap(role -> Role.named(role).stream())
                .collect(Collectors.toSet()));
        sharedWithUsers.setValue(String.join(", ", shown.getSharedWithUsers()));
        widgetSection.setVisible(!shown.isNew());
        view.setVisible(!shown.isNew());
        delete.setVisible(!shown.isNew());
        showWidgets();
    }

    /** For a new dashboard, the slug follows the name until someone types one. */
    private void suggestSlug(String typedName) {
        if (slugEdited) {
            return;
        }
        slug.setValue(typedName.toLowerCase(Locale.ROOT).trim()
                .replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+)|(-+$)", ""));
    }

    private void save() {
        boolean wasNew = dashboard.isNew();
        dashboard.setName(name.getValue());
        dashboard.setSlug(slug.getValue());
        dashboard.setDescription(description.getValue().isBlank() ? null : description.getValue());
        dashboard.setSharedWithRoles(sharedWithRoles.getValue().stream().sorted().map(Role::name).toList());
        dashboard.setSharedWithUsers(commaList(sharedWithUsers.getValue()));
        Dashboard saved = store(() -> dashboards.save(dashboard), Map.of(
                DashboardField.NAME, name, DashboardField.SLUG, slug, DashboardField.DESCRIPTION, description,
                DashboardField.SHARING, sharedWithUsers));
        if (saved == null) {
            return;
        }
        Notifications.success("Saved " + saved.getName());
        if (wasNew) {
            getUI().ifPresent(ui -> ui.navigate(DashboardEditorView.class, slugParameters(saved)));
        } else {
            show(saved);
        }
    }

    /** Runs a change, shows its problems on the fields (or as a notification), returns null on failure. */
    private Dashboard store(Supplier<Dashboard> change, Map<DashboardField, HasValidation> fields) {
        fields.values().forEach(field -> field.setInvalid(false));
        try {
            return change.get();
        } catch (InvalidDefinitionException invalid) {
            invalid.errors().forEach((field, message) -> {
                HasValidation shownOn = fields.get(field);
                if (shownOn != null) {
                    shownOn.setErrorMessage(message);
                    shownOn.setInvalid(true);
                } else {
                    Notifications.error(message);
                }
            });
            return null;
        } catch (ConcurrencyFailureException changedMeanwhile) {
            Notifications.error("Someone else changed this dashboard meanwhile: reload the page to see their version");
            return null;
        }
    }

    private void changeWidgets(Supplier<Dashboard> change) {
        Dashboard changed = store(change, Map.of());
        if (changed != null) {
            show(changed);
        }
    }

    private void showWidgets() {
        widgetRows.removeAll();
        if (dashboard.getWidgets().isEmpty()) {
            var empty = new Paragraph("No widgets yet: add a chart, grid, list or value card.");
            empty.addClassName(LumoUtility.TextColor.SECONDARY);
            widgetRows.add(empty);
        }
        dashboard.getWidgets().forEach(widget -> widgetRows.add(row(widget)));
    }

    private HorizontalLayout row(Widget widget) {
        long id = widget.getId();
        String at = dashboard.getSlug();
        var title = new Span(BidiControls.strip(widget.getTitle()));
        title.addClassName(LumoUtility.FontWeight.SEMIBOLD);
        // In the dialog's words ("Table", "Value card"), not the type's attribute value ("grid").
        var about = new Span(WidgetDialog.typeLabel(widget.getType()).toLowerCase(Locale.ROOT) + " of " + widget.getVariableName());
        about.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        var text = new Div(title, new Div(about));
        text.addClassName(LumoUtility.Flex.GROW);
        var edit = iconButton(WidgetMenu.EDIT_ID, VaadinIcon.EDIT, "Edit", () -> openWidgetDialog(widget));
        var duplicate = iconButton(WidgetMenu.DUPLICATE_ID, VaadinIcon.COPY_O, "Duplicate",
                () -> changeWidgets(() -> dashboards.duplicateWidget(at, id)));
        var remove = iconButton("widget-remove", VaadinIcon.TRASH, "Remove",
                () -> changeWidgets(() -> dashboards.removeWidget(at, id)));
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR);
        var row = new HorizontalLayout(text, edit, duplicate, remove);
        row.setWidthFull();
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        row.addClassNames("sb-widget-row", LumoUtility.Padding.Vertical.XSMALL);
        row.getElement().setAttribute("data-widget-type", widget.getType().attributeValue());
        row.getElement().setAttribute("data-widget-title", widget.getTitle());
        return row;
    }

    private void openWidgetDialogOn(String variableName) {
        openWidgetDialog(null).chooseVariable(variableName);
    }

    /** Adds a widget ({@code editing} null) or edits one. */
    private WidgetDialog openWidgetDialog(Widget editing) {
        var dialog = new WidgetDialog(variables.usableIn(dashboard), editing, widget -> {
            try {
                show(editing == null ? dashboards.addWidget(dashboard.getSlug(), widget)
                        : dashboards.replaceWidget(dashboard.getSlug(), editing.getId(), widget));
                return Map.of();
            } catch (InvalidDefinitionException invalid) {
                return invalid.errorsOf(DashboardField.class);
            }
        });
        dialog.open();
        return dialog;
    }

    private void openDashboard() {
        getUI().ifPresent(ui -> ui.navigate(DashboardView.class, slugParameters(dashboard)));
    }

    private void confirmDelete() {
        var confirm = new ConfirmDialog("Delete " + dashboard.getName() + "?",
                "Its widgets and its own variables go with it.", "Delete", click -> {
            dashboards.delete(dashboard.getSlug());
            getUI().ifPresent(ui -> ui.navigate(DashboardListView.class));
        });
        confirm.setCancelable(true);
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    private static RouteParameters slugParameters(Dashboard dashboard) {
        return new RouteParameters(DashboardView.SLUG_PARAMETER, dashboard.getSlug());
    }

    private static Button iconButton(String id, VaadinIcon icon, String label, Runnable action) {
        return WidgetMenu.iconButton(id, icon, label, action);
    }

    private static List<String> commaList(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(part -> !part.isEmpty()).distinct().toList();
    }
}
