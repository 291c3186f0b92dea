package org.socketboard.security.ui;

import com.vaadin.flow.component.grid.Grid;
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

/** The audit log for admins: who created, changed or deleted what, newest first, loaded page by page. */
@Route("audit")
@PageTitle("Audit log · SocketBoard")
@Menu(title = "Audit log", order = 6, icon = "vaadin:clipboard-text")
@RolesAllowed("ADMIN")
public class AuditView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public AuditView(AuditLog audit, Clock clock) {
        setSizeFull();
        var grid = new Grid<AuditEntry>();
        grid.setId("audit-grid");
        grid.addColumn(entry -> WHEN.format(entry.getOccurredAt().atZone(clock.getZone()))).setHeader("When").setKey("when");
        grid.addColumn(AuditEntry::getActor).setHeader("Who").setKey("who");
        grid.addColumn(AuditEntry::getAction).setHeader("Action").setKey("action");
        grid.addColumn(AuditEntry::getKind).setHeader("Kind").setKey("kind");
        grid.addColumn(AuditEntry::getTarget).setHeader("Name").setKey("target");
        grid.addColumn(AuditEntry::getDetail).setHeader("Detail").setKey("detail").setFlexGrow(3);
        grid.setItems(query -> audit.newestFirst(VaadinSpringDataHelpers.toSpringPageRequest(query)).stream());
        addAndExpand(grid);
    }
}
