package org.socketboard.security.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;
import jakarta.annotation.security.RolesAllowed;
import org.socketboard.security.AuditLog;
import org.socketboard.security.domain.AuditEntry;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The audit log for admins: who created, changed or deleted what, newest first, loaded page by page. */
@Route("audit")
@PageTitle("Audit log · SocketBoard")
@Menu(title = "Audit log", order = 6, icon = "vaadin:clipboard-text")
@RolesAllowed("ADMIN")
public class AuditView extends VerticalLayout {

    /** "2026-12-05 15:34:54" is 19 characters; the column keeps room for them and the sort arrow. */
    private static final String WHEN_WIDTH = "13em";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public AuditView(AuditLog audit, Clock clock) {
        setSizeFull();
        var heading = new H2("Audit log");
        heading.setId("audit-heading");
        var grid = new Grid<AuditEntry>();
        grid.setId("audit-grid");
        grid.addColumn(entry -> WHEN.format(entry.getOccurredAt().atZone(clock.getZone()))).setHeader("When").setKey("when")
                .setWidth(WHEN_WIDTH).setFlexGrow(0);
        grid.addColumn(AuditEntry::getActor).setHeader("Who").setKey("who");
        grid.addColumn(entry -> words(entry.getAction())).setHeader("Action").setKey("action");
        grid.addColumn(entry -> words(entry.getKind())).setHeader("Kind").setKey("kind");
        grid.addColumn(AuditEntry::getTarget).setHeader("Name").setKey("target");
        grid.addColumn(AuditEntry::getDetail).setHeader("Detail").setKey("detail").setFlexGrow(3);
        grid.setItems(query -> audit.newestFirst(VaadinSpringDataHelpers.toSpringPageRequest(query)).stream());
        add(heading);
        addAndExpand(grid);
    }

    /** "created", "dashboard": the enum in words. */
    static String words(Enum<?> value) {
        return value == null ? "" : value.name().toLowerCase(Locale.ROOT);
    }
}
