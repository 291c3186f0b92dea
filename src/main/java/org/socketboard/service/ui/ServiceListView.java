package org.socketboard.service.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
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
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.ServiceValidator;
import org.socketboard.service.ServiceSummary;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/**
 * All imported services: name, URL, protocol, last test, how many variables use each. A row opens its
 * settings. The name and the time of the last test keep their whole width; the URL and the outcome
 * text give way on a narrow screen (their tooltips have all of them).
 */
@RolesAllowed("ADMIN")
@Route("services")
@PageTitle("Services")
@Menu(title = "Services", order = 1, icon = "vaadin:plug")
public class ServiceListView extends VerticalLayout {

    private static final DateTimeFormatter TESTED_AT = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM);

    public ServiceListView(ServiceCatalog catalog, Clock clock) {
        var services = catalog.list();
        var heading = new H2("Services");
        var header = new HorizontalLayout(heading, newServiceButton("service-new"));
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        add(header);
        if (services.isEmpty()) {
            add(emptyState());
        } else {
            var grid = grid(clock);
            grid.setItems(services);
            add(grid);
        }
    }

    private Grid<ServiceSummary> grid(Clock clock) {
        var formatter = TESTED_AT.withZone(clock.getZone());
        var grid = new Grid<ServiceSummary>();
        grid.setId("service-list");
        grid.addColumn(ServiceSummary::name).setHeader("Name").setKey("name").setSortable(true)
                .setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(ServiceSummary::url).setHeader("URL").setKey("url").setFlexGrow(3)
                .setTooltipGenerator(ServiceSummary::url);
        grid.addColumn(service -> service.protocol().label()).setHeader("Protocol").setKey("protocol")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(ServiceListView::lastTest).setHeader("Last test").setKey("lastTest").setFlexGrow(2)
                .setTooltipGenerator(ServiceListView::lastTest);
        grid.addColumn(s -> s.lastTestedAt() == null ? "" : formatter.format(s.lastTestedAt()))
                .setHeader("Tested at").setKey("testedAt").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(ServiceSummary::variableCount).setHeader("Variables").setKey("variables").setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addItemClickListener(click -> grid.getUI().ifPresent(ui -> ui.navigate(ServiceEditorView.class,
                new RouteParameters(ServiceEditorView.NAME_PARAMETER, click.getItem().name()))));
        return grid;
    }

    private static String lastTest(ServiceSummary service) {
        if (service.lastTestSucceeded() == null) {
            return service.testSkipped() ? "Saved without a test" : "Never tested";
        }
        return (service.lastTestSucceeded() ? "OK: " : "Failed: ") + service.lastTestOutcome();
    }

    private Div emptyState() {
        var text = new Paragraph("No services yet. Import a WebSocket service to feed variables and dashboards: "
                + "give its URL, test the connection and let SocketBoard infer its fields.");
        var state = new Div(VaadinIcon.PLUG.create(), text, newServiceButton("service-list-empty-new"));
        state.setId("service-list-empty");
        state.addClassNames(LumoUtility.Padding.LARGE, LumoUtility.TextAlignment.CENTER,
                LumoUtility.TextColor.SECONDARY);
        return state;
    }

    private static Button newServiceButton(String id) {
        var button = new Button("New service", VaadinIcon.PLUS.create(), click -> click.getSource().getUI()
                .ifPresent(ui -> ui.navigate(ServiceEditorView.class,
                        new RouteParameters(ServiceEditorView.NAME_PARAMETER, ServiceValidator.RESERVED_NAME))));
        button.setId(id);
        button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        return button;
    }
}
