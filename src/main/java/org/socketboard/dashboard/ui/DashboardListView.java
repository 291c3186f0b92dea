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
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.socketboard.base.BidiControls;
import org.socketboard.base.ui.Notifications;
import org.socketboard.dashboard.DashboardCatalog;
import org.socketboard.dashboard.DashboardSummary;
import org.socketboard.dashboard.transfer.ConflictResolutions;
import org.socketboard.dashboard.transfer.DashboardBundle;
import org.socketboard.dashboard.transfer.DashboardImporter;
import org.socketboard.dashboard.transfer.ImportConflict;
import org.socketboard.dashboard.transfer.ImportConflictsException;
import org.socketboard.dashboard.transfer.ImportResult;
import org.socketboard.dashboard.transfer.InvalidBundleException;

import org.socketboard.security.CurrentUser;
import org.socketboard.security.domain.Role;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every dashboard the user may see as a card (name, description, widget count, who may view it); the app's start page.
 * Imports a dashboard bundle (a JSON file): checked whole first, then the names it shares with different
 * definitions here are asked about in a dialog, then it is imported in one go and opened.
 */
@RolesAllowed("VIEWER")
@Route("dashboards")
@RouteAlias("")
@PageTitle("Dashboards")
@Menu(title = "Dashboards", order = 3, icon = "vaadin:dashboard")
public class DashboardListView extends VerticalLayout implements BeforeEnterObserver {

    /** A bundle is a few kilobytes; anything near this is not one. */
    private static final int MAX_BUNDLE_BYTES = 5 * 1024 * 1024;

    private final DashboardImporter importer;
    private final boolean editor;
    private final Map<String, Div> cardsBySlug = new LinkedHashMap<>();

    public DashboardListView(DashboardCatalog dashboards, DashboardImporter importer, CurrentUser currentUser) {
        this.importer = importer;
        this.editor = currentUser.hasRole(Role.EDITOR);
        var newDashboard = newDashboardButton();
        var importUpload = importUpload();
        // Importing creates dashboards, variables and services: editors only (the services refuse others anyway).
        newDashboard.setVisible(currentUser.hasRole(Role.EDITOR));
        importUpload.setVisible(currentUser.hasRole(Role.EDITOR));
        var actions = new HorizontalLayout(importUpload, newDashboard);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        var header = new HorizontalLayout(new H2("Dashboards"), actions);
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        add(header);
        var summaries = dashboards.listVisible();
        if (summaries.isEmpty()) {
            add(emptyState());
            return;
        }
        var cards = new Div();
        cards.setId("dashboard-list");
        cards.addClassNames(LumoUtility.Display.GRID, LumoUtility.Gap.MEDIUM, LumoUtility.Width.FULL);
        cards.getStyle().set("grid-template-columns", "repeat(auto-fill, minmax(280px, 1fr))");
        summaries.forEach(summary -> {
            var card = card(summary);
            cardsBySlug.put(summary.slug(), card);
            cards.add(card);
        });
        add(cards);
    }

    /**
     * {@code ?variable=<name>} ("Add it to a dashboard" after saving a variable): each card offers to add
     * a widget on that variable there, in the dashboard's editor.
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var variable = event.getLocation().getQueryParameters().getSingleParameter("variable");
        if (variable.isEmpty() || !editor || cardsBySlug.isEmpty()) {
            return;
        }
        var hint = new Paragraph("Pick the dashboard to show " + variable.get() + " on:");
        hint.setId("dashboard-add-variable-hint");
        addComponentAtIndex(1, hint);
        cardsBySlug.forEach((slug, card) -> {
            var add = new Anchor("dashboards/" + slug + "/edit?variable=" + Notifications.queryValue(variable.get()),
                    "Add a widget on " + variable.get() + " here");
            add.addClassName("dashboard-add-variable");
            card.add(add);
        });
    }

    private static Div card(DashboardSummary summary) {
        var name = new RouterLink(BidiControls.strip(summary.name()), DashboardView.class,
                new RouteParameters(DashboardView.SLUG_PARAMETER, summary.slug()));
        var title = new H3(name);
        title.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.NONE);
        var description = new Paragraph(summary.description() == null ? "" : BidiControls.strip(summary.description()));
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

    private Upload importUpload() {
        var upload = new Upload(UploadHandler.inMemory((metadata, bytes) ->
                // Upload handlers run without the session lock.
                getUI().ifPresent(ui -> ui.access(() -> startImport(bytes)))));
        upload.setId("dashboard-import");
        upload.setAcceptedFileTypes("application/json", ".json");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(MAX_BUNDLE_BYTES);
        upload.setUploadButton(new Button("Import", VaadinIcon.UPLOAD.create()));
        upload.setDropAllowed(false);
        upload.addFileRejectedListener(rejected -> Notifications.error("Cannot import: " + rejected.getErrorMessage()));
        return upload;
    }

    private void startImport(byte[] document) {
        try {
            DashboardBundle bundle = importer.read(document);
            List<ImportConflict> conflicts = importer.conflicts(bundle);
            if (conflicts.isEmpty()) {
                finishImport(bundle, ConflictResolutions.none(), null);
                return;
            }
            new ImportDialog(conflicts, (dialog, answers) -> finishImport(bundle, answers, dialog)).open();
        } catch (InvalidBundleException refused) {
            Notifications.error("Cannot import: " + refused.getMessage());
        }
    }

    private void finishImport(DashboardBundle bundle, ConflictResolutions answers, ImportDialog dialog) {
        try {
            ImportResult result = importer.importBundle(bundle, answers);
            if (dialog != null) {
                dialog.close();
            }
            Notifications.success("Imported: " + String.join(", ", result.changes()));
            getUI().ifPresent(ui -> ui.navigate(DashboardView.class,
                    new RouteParameters(DashboardView.SLUG_PARAMETER, result.slug())));
        } catch (InvalidBundleException | ImportConflictsException refused) {
            // Nothing was stored; a clash here means someone changed a definition since the dialog opened.
            if (dialog != null) {
                dialog.showProblem("Nothing was imported: " + refused.getMessage());
            } else {
                Notifications.error("Nothing was imported: " + refused.getMessage());
            }
        }
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
