package org.socketboard.dashboard.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.socketboard.dashboard.DashboardService;
import org.socketboard.dashboard.DashboardSummary;

/** Every dashboard as a card (name, description, widget count, who may view it); the app's start page. */
@RolesAllowed("VIEWER")
@Route("dashboards")
@RouteAlias("")
@PageTitle("Dashboards")
@Menu(title = "Dashboards", order = 1, icon = "vaadin:dashboard")
public class DashboardListView extends VerticalLayout {

    public DashboardListView(DashboardService dashboards) {
        var header = new HorizontalLayout(new H2("Dashboards"), newDashboardButton());
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        add(header);
        var summaries = dashboards.list();
        if (summaries.isEmpty()) {
            add(emptyState());
            return;
        }
        var cards = new Div();
        cards.setId("dashboard-list");
        cards.addClassNames(LumoUtility.Display.GRID, LumoUtility.Gap.MEDIUM, LumoUtility.Width.FULL);
        cards.getStyle().set("grid-template-columns", "repeat(auto-fill, minmax(280px, 1fr))");
        summaries.forEach(summary -> cards.add(card(summary)));
        add(cards);
    }

    private static Div card(DashboardSummary summary) {
        var name = new RouterLink(summary.name(), DashboardView.class,
                new RouteParameters(DashboardView.SLUG_PARAMETER, summary.slug()));
        var title = new H3(name);
        title.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.NONE);
        var description = new Paragraph(summary.description() == null ? "" : summary.description());
        description.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.Margin.Vertical.SMALL);
        var widgets = new Span(summary.widgetCount() == 1 ? "1 widget" : summary.widgetCount() + " widgets");
        widgets.getElement().getThemeList().add("badge contrast");
        var shared = new Span("Shared with " + summary.sharedWith());
        shared.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        var footer = new HorizontalLayout(widgets, shared);
        footer.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        var card = new Div(title, description, footer);
        card.addClassNames("sb-dashboard-card", LumoUtility.Padding.MEDIUM, LumoUtility.BorderRadius.LARGE,
                LumoUtility.Background.CONTRAST_5);
        card.getElement().setAttribute("data-dashboard-slug", summary.slug());
        return card;
    }

    private static Button newDashboardButton() {
        var button = new Button("New dashboard", VaadinIcon.PLUS.create(),
                click -> click.getSource().getUI().ifPresent(ui -> ui.navigate(DashboardEditorView.class)));
        button.setId("dashboard-new");
        button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        return button;
    }

    private static Div emptyState() {
        var text = new Paragraph("No dashboards yet. Create one and add charts, grids, lists and value cards "
                + "bound to your variables.");
        var state = new Div(VaadinIcon.DASHBOARD.create(), text);
        state.setId("dashboard-list-empty");
        state.addClassNames(LumoUtility.Padding.LARGE, LumoUtility.TextAlignment.CENTER,
                LumoUtility.TextColor.SECONDARY);
        return state;
    }
}
