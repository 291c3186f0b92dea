package org.socketboard.security.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.security.AuditLog;
import org.socketboard.security.domain.AuditAction;
import org.socketboard.security.domain.AuditEntry;
import org.socketboard.security.domain.AuditKind;
import org.socketboard.security.domain.Role;
import org.springframework.data.domain.PageRequest;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditViewTest extends KaribuTest {

    @Test
    void changesByOtherFeaturesAreRecordedWithTheSignedInUserAndListedNewestFirst() {
        var audit = context.getBean(AuditLog.class);
        loginAs("edith", Role.EDITOR);
        audit.record(AuditAction.CREATED, AuditKind.DASHBOARD, "Trading floor", "3 widgets");
        audit.record(AuditAction.DELETED, AuditKind.VARIABLE, "prices", null);
        loginAs("admin", Role.ADMIN);

        UI.getCurrent().navigate("audit");
        @SuppressWarnings("unchecked")
        Grid<AuditEntry> grid = _get(Grid.class, spec -> spec.withId("audit-grid"));
        assertThat(_size(grid)).isGreaterThanOrEqualTo(2);
        var newest = _get(grid, 0);
        assertThat(newest.getActor()).isEqualTo("edith");
        assertThat(newest.getAction()).isEqualTo(AuditAction.DELETED);
        assertThat(newest.getKind()).isEqualTo(AuditKind.VARIABLE);
        assertThat(newest.getTarget()).isEqualTo("prices");
        assertThat(_get(grid, 1).getTarget()).isEqualTo("Trading floor");
        assertThat(_get(grid, 1).getDetail()).isEqualTo("3 widgets");
    }

    @Test
    void anEditorCannotReadTheAuditLog() {
        var audit = context.getBean(AuditLog.class);
        loginAs("edith", Role.EDITOR);
        assertThatThrownBy(() -> audit.newestFirst(PageRequest.of(0, 10)))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }
}
