package org.socketboard.dashboard.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
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
import org.socketboard.dashboard.DashboardService;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.transfer.DashboardExporter;
import org.socketboard.dashboard.widget.DashboardWidget;
import org.socketboard.dashboard.widget.WidgetFactory;
import org.socketboard.security.CurrentUser;
import org.socketboard.security.domain.Role;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One dashboard, live: its widgets on a responsive CSS grid (columns of at least 280px; a widget spans
 * its width in columns and its height in rows). On attach it takes this tab's hold on the variables
 * the widgets show (a dashboard's own variables get an instance per tab) and builds the widgets; on
 * detach it lets go, which closes this tab's instances at once.
 */
@RolesAllowed("VIEWER")
@Route("dashboards/:" + DashboardView.SLUG_PARAMETER)
@CssImport("./styles/dashboard.css")
public class DashboardView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    public static final String SLUG_PARAMETER = "slug";

    private final DashboardService dashboards;
    private final LiveDashboards liveDashboards;
    private final WidgetFactory widgets;
    private final H2 heading = new H2();
    private final Paragraph description = new Paragraph();
    private final Div grid = new Div();
    private final DashboardExporter exporter;
    /** Downloads the dashboard as a bundle (JSON, without secret values). */
    private final Anchor exportLink = new Anchor();
    private Dashboard dashboard;
    private LiveDashboard live;
    /** The components of the dashboard's widgets, in the same order. */
    private final List<DashboardWidget> shown = new ArrayList<>();

    public DashboardView(DashboardService dashboards, LiveDashboards liveDashboards, WidgetFactory widgets,
                         DashboardExporter exporter, CurrentUser currentUser) {
        this.dashboards = dashboards;
        this.liveDashboards = liveDashboards;
        this.widgets = widgets;
        this.exporter = exporter;
        var edit = new Button("Edit", VaadinIcon.EDIT.create(), click -> edit());
        edit.setId("dashboard-edit");
        exportLink.setId("dashboard-export");
        exportLink.add(new Button("Export", VaadinIcon.DOWNLOAD.create()));
        // The editor refuses viewers anyway; they should not be offered it.
        edit.setVisible(currentUser.hasRole(Role.EDITOR));
        var actions = new HorizontalLayout(exportLink, edit);
        var header = new HorizontalLayout(heading, actions);
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        heading.addClassName(LumoUtility.Margin.NONE);
        description.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.Margin.NONE);
        grid.setId("dashboard-grid");
        grid.addClassName("sb-dashboard-grid");
        add(header, description, grid);
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
            heading.setText(found.getName());
            description.setText(found.getDescription() == null ? "" : found.getDescription());
            description.setVisible(found.getDescription() != null);
        }, () -> event.rerouteToError(NotFoundException.class, "There is no dashboard '" + slug + "'"));
    }

    @Override
    public String getPageTitle() {
        return dashboard == null ? "Dashboard" : dashboard.getName();
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
        List<Widget> stored = dashboard.getWidgets();
        for (int i = 0; i < shown.size(); i++) {
            DashboardWidget component = shown.get(i);
            if (!component.rebind(live.variable(stored.get(i).getVariableName()))) {
                DashboardWidget rebuilt = create(stored.get(i));
                grid.replace(component, rebuilt);
                shown.set(i, rebuilt);
            }
        }
    }

    private void showWidgets() {
        grid.removeAll();
        shown.clear();
        if (dashboard.getWidgets().isEmpty()) {
            var empty = new Paragraph("This dashboard has no widgets yet. Edit it to add charts, grids, "
                    + "lists and value cards.");
            empty.setId("dashboard-empty");
            empty.addClassName(LumoUtility.TextColor.SECONDARY);
            grid.add(empty);
            return;
        }
        for (Widget widget : dashboard.getWidgets()) {
            DashboardWidget component = create(widget);
            shown.add(component);
            grid.add(component);
        }
    }

    private DashboardWidget create(Widget widget) {
        DashboardWidget component = widgets.create(widget, live.variable(widget.getVariableName()),
                live.problemWith(widget.getVariableName()));
        component.getStyle().set("--sb-widget-width", Integer.toString(widget.getWidth()));
        component.getStyle().set("--sb-widget-height", Integer.toString(widget.getHeight()));
        return component;
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
