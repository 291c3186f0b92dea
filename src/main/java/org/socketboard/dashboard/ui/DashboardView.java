package org.socketboard.dashboard.ui;

import org.socketboard.base.BidiControls;
import org.socketboard.dashboard.DashboardField;
import org.socketboard.base.InvalidDefinitionException;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.HttpStatusCode;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.socketboard.base.ui.Notifications;
import org.socketboard.dashboard.LiveDashboard;
import org.socketboard.dashboard.LiveDashboards;
import org.socketboard.dashboard.DashboardCatalog;
import org.socketboard.dashboard.DashboardVariables;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.GridLayout;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.transfer.DashboardExporter;
import org.socketboard.dashboard.widget.DashboardWidget;
import org.socketboard.dashboard.widget.WidgetFactory;
import org.socketboard.security.CurrentUser;
import org.socketboard.security.domain.Role;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One dashboard, live: its widgets on a grid ({@link DashboardGrid}: four columns, one on a phone),
 * each where the dashboard's layout puts it. On attach it takes this tab's hold on the variables the
 * widgets show (a dashboard's own variables get an instance per tab) and builds the widgets; on detach
 * it lets go, which closes this tab's instances at once.
 * <p>
 * For editors the grid is editable (drag a widget by its header, resize from its corner; the layout
 * is stored when they let go) and each widget has a menu: Edit opens the widget dialog prefilled,
 * Duplicate adds a copy. Either change shows at once in this tab: the widget is built anew on its
 * variable (held too when it is a new one), the others stay as they are.
 */
@RolesAllowed("VIEWER")
@Route("dashboards/:" + DashboardView.SLUG_PARAMETER)
@CssImport("./styles/dashboard.css")
public class DashboardView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    public static final String SLUG_PARAMETER = "slug";

    private final DashboardCatalog dashboards;
    private final LiveDashboards liveDashboards;
    private final WidgetFactory widgets;
    private final H2 heading = new H2();
    private final Paragraph description = new Paragraph();
    private final DashboardGrid grid = new DashboardGrid();
    private final Paragraph empty = new Paragraph("This dashboard has no widgets yet. Edit it to add charts, "
            + "grids, lists and value cards.");
    private final DashboardVariables variables;
    private final boolean editor;
    private final DashboardExporter exporter;
    /** Downloads the dashboard as a bundle (JSON, without secret values). */
    private final Anchor exportLink = new Anchor();
    private Dashboard dashboard;
    private LiveDashboard live;
    /** The components of the dashboard's widgets, by widget id. */
    private final Map<Long, DashboardWidget> shown = new LinkedHashMap<>();

    public DashboardView(DashboardCatalog dashboards, LiveDashboards liveDashboards, WidgetFactory widgets,
                         DashboardExporter exporter, DashboardVariables variables, CurrentUser currentUser) {
        this.dashboards = dashboards;
        this.variables = variables;
        this.editor = currentUser.hasRole(Role.EDITOR);
        this.liveDashboards = liveDashboards;
        this.widgets = widgets;
        this.exporter = exporter;
        var edit = new Button("Edit", VaadinIcon.EDIT.create(), click -> edit());
        edit.setId("dashboard-edit");
        exportLink.setId("dashboard-export");
        exportLink.add(new Button("Export", VaadinIcon.DOWNLOAD.create()));
        // The editor refuses viewers anyway; they should not be offered it.
        edit.setVisible(editor);
        var actions = new HorizontalLayout(exportLink, edit);
        var header = new HorizontalLayout(heading, actions);
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        heading.addClassName(LumoUtility.Margin.NONE);
        description.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.Margin.NONE);
        grid.setId("dashboard-grid");
        grid.addClassName("sb-dashboard-grid");
        grid.setEditable(editor);
        grid.setLayoutListener(this::storeLayout);
        empty.setId("dashboard-empty");
        empty.addClassName(LumoUtility.TextColor.SECONDARY);
        add(header, description, empty, grid);
        addClassName(LumoUtility.Background.CONTRAST_5);
        setMinHeight("100%");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String slug = event.getRouteParameters().get(SLUG_PARAMETER).orElse("");
        // One not shared with this user is answered exactly like a missing one.
        dashboards.findVisible(slug).ifPresentOrElse(found -> {
            dashboard = found;
            exportLink.setHref(exportOf(found.getSlug()), AttachmentType.DOWNLOAD);
            heading.setText(BidiControls.strip(found.getName()));
            description.setText(found.getDescription() == null ? "" : BidiControls.strip(found.getDescription()));
            description.setVisible(found.getDescription() != null);
        }, () -> event.rerouteToError(NotFoundException.class, "There is no dashboard '" + slug + "'"));
    }

    @Override
    public String getPageTitle() {
        return dashboard == null ? "Dashboard" : BidiControls.strip(dashboard.getName());
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        if (dashboard == null) {
            return;
        }
        UI ui = attachEvent.getUI();
        live = liveDashboards.open(dashboard, replaced -> followLater(ui));
        if (!live.overCap().isEmpty()) {
            Notifications.error("This dashboard uses more live variables than a tab may hold; not connected: "
                    + String.join(", ", live.overCap()));
        }
        showWidgets();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        grid.removeAll(); // the widgets unsubscribe in their own detach
        shown.clear();
        if (live != null) {
            live.close();
            live = null;
        }
    }

    /** A variable's definition changed: its widgets must follow the new instance. */
    private void followLater(UI ui) {
        try {
            ui.access(() -> {
                if (live != null) {
                    follow();
                }
            });
        } catch (UIDetachedException gone) {
            // The tab closed meanwhile; nothing to follow.
        }
    }

    /**
     * Moves each widget to its variable's current instance: in place, keeping what it shows until the
     * new instance's snapshot, or as a new widget when it cannot follow (e.g. another strategy).
     */
    private void follow() {
        for (Widget widget : dashboard.getWidgets()) {
            DashboardWidget component = shown.get(widget.getId());
            if (component != null && !component.rebind(live.variable(widget.getVariableName()))) {
                rebuild(widget);
            }
        }
    }

    private void showWidgets() {
        grid.removeAll();
        shown.clear();
        List<Widget> stored = dashboard.getWidgets();
        empty.setVisible(stored.isEmpty());
        List<GridLayout.Placement> places = GridLayout.of(stored);
        for (int i = 0; i < stored.size(); i++) {
            DashboardWidget component = create(stored.get(i));
            shown.put(stored.get(i).getId(), component);
            grid.add(stored.get(i).getId(), places.get(i), component);
        }
    }

    private DashboardWidget create(Widget widget) {
        DashboardWidget component = widgets.create(widget, live.variable(widget.getVariableName()),
                live.problemWith(widget.getVariableName()));
        if (editor) {
            long id = widget.getId();
            component.addToHeader(new WidgetMenu(() -> editWidget(id), () -> duplicateWidget(id)));
        }
        return component;
    }

    private void rebuild(Widget widget) {
        DashboardWidget rebuilt = create(widget);
        shown.put(widget.getId(), rebuilt);
        grid.setContent(widget.getId(), rebuilt);
    }

    private void editWidget(long widgetId) {
        dashboard.getWidgets().stream().filter(widget -> widget.getId() == widgetId).findFirst().ifPresent(editing ->
                new WidgetDialog(variables.usableIn(dashboard), editing, edited -> {
                    try {
                        changed(dashboards.replaceWidget(dashboard.getSlug(), widgetId, edited), widgetId);
                        return Map.of();
                    } catch (InvalidDefinitionException invalid) {
                        return invalid.errorsOf(DashboardField.class);
                    }
                }).open());
    }

    private void duplicateWidget(long widgetId) {
        try {
            changed(dashboards.duplicateWidget(dashboard.getSlug(), widgetId), null);
        } catch (InvalidDefinitionException invalid) {
            Notifications.error(String.join("; ", invalid.errors().values()));
        }
    }

    /**
     * Shows a dashboard as just stored: widgets new to this tab are built (their variables held), the
     * one edited ({@code editedId}, or null) is built anew, every widget goes where the layout says.
     */
    private void changed(Dashboard saved, Long editedId) {
        dashboard = saved;
        List<Widget> stored = saved.getWidgets();
        List<GridLayout.Placement> places = GridLayout.of(stored);
        Map<Long, GridLayout.Placement> byId = new LinkedHashMap<>();
        for (int i = 0; i < stored.size(); i++) {
            Widget widget = stored.get(i);
            liveDashboards.hold(live, saved, widget.getVariableName());
            if (!shown.containsKey(widget.getId())) {
                DashboardWidget component = create(widget);
                shown.put(widget.getId(), component);
                grid.add(widget.getId(), places.get(i), component);
            } else if (widget.getId().equals(editedId)) {
                rebuild(widget);
            }
            byId.put(widget.getId(), places.get(i));
        }
        grid.place(byId);
        empty.setVisible(stored.isEmpty());
    }

    /** Stores the layout an editor made by dragging; the grid then shows it as stored. */
    private void storeLayout(Map<Long, GridLayout.Placement> places) {
        try {
            changed(dashboards.arrangeWidgets(dashboard.getSlug(), places), null);
        } catch (InvalidDefinitionException invalid) {
            Notifications.error("The layout was not saved: " + String.join("; ", invalid.errors().values()));
        }
    }

    /** Written when the download is asked for, so that it holds the dashboard as stored then. */
    private DownloadHandler exportOf(String slug) {
        return DownloadHandler.fromInputStream(download -> exporter.bundleJson(slug)
                .map(json -> new DownloadResponse(new ByteArrayInputStream(json), DashboardExporter.fileName(slug),
                        "application/json", json.length))
                .orElseGet(() -> DownloadResponse.error(HttpStatusCode.NOT_FOUND, "There is no dashboard '" + slug + "' any more")));
    }

    private void edit() {
        getUI().ifPresent(ui -> ui.navigate(DashboardEditorView.class,
                new RouteParameters(SLUG_PARAMETER, dashboard.getSlug())));
    }
}
