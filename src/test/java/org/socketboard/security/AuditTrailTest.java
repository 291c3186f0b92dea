package org.socketboard.security;

import org.socketboard.base.InvalidDefinitionException;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.dashboard.DashboardFixtures;
import org.socketboard.dashboard.DashboardCatalog;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.security.domain.AuditAction;
import org.socketboard.security.domain.AuditEntry;
import org.socketboard.security.domain.AuditKind;
import org.socketboard.security.domain.Role;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.VariableFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Every change of a service, variable or dashboard lands in the audit log with who made it, listed at /audit. */
class AuditTrailTest extends KaribuTest {

    @Autowired
    ServiceCatalog services;
    @Autowired
    VariableCatalog variables;
    @Autowired
    DashboardCatalog dashboards;

    @Test
    void creatingChangingAndDeletingEachKindIsListedInTheAuditLogWithTheUserName() {
        var service = new VariableFixtures(services, port).feed("/feeds/ticker");
        service.setDescription("Ticks, described");
        service = services.save(service);
        var variable = variables.save(VariableFixtures.variableOn(service, 10));
        variable.setDataLimit(20);
        variable = variables.save(variable);

        loginAs("edith", Role.EDITOR);
        var dashboard = dashboards.save(new Dashboard("Audited", DashboardFixtures.unique("audited"), null));
        dashboards.addWidget(dashboard.getSlug(), DashboardFixtures.valueCard("Price", variable.getName()));
        dashboards.delete(dashboard.getSlug());
        variables.delete(variable.getId());

        loginAs("admin", Role.ADMIN);
        services.delete(service.getName());

        var ours = Set.of(service.getName(), variable.getName(), dashboard.getName());
        UI.getCurrent().navigate("audit");
        @SuppressWarnings("unchecked")
        Grid<AuditEntry> grid = _get(Grid.class, spec -> spec.withId("audit-grid"));
        List<AuditEntry> listed = IntStream.range(0, GridKt._size(grid)).mapToObj(row -> GridKt._get(grid, row))
                .filter(entry -> ours.contains(entry.getTarget())).toList();
        assertThat(listed).as("newest first").extracting(AuditEntry::getActor, AuditEntry::getAction, AuditEntry::getKind,
                AuditEntry::getTarget).containsExactly(
                tuple("admin", AuditAction.DELETED, AuditKind.SERVICE, service.getName()),
                tuple("edith", AuditAction.DELETED, AuditKind.VARIABLE, variable.getName()),
                tuple("edith", AuditAction.DELETED, AuditKind.DASHBOARD, "Audited"),
                tuple("edith", AuditAction.CHANGED, AuditKind.DASHBOARD, "Audited"),
                tuple("edith", AuditAction.CREATED, AuditKind.DASHBOARD, "Audited"),
                tuple("admin", AuditAction.CHANGED, AuditKind.VARIABLE, variable.getName()),
                tuple("admin", AuditAction.CREATED, AuditKind.VARIABLE, variable.getName()),
                tuple("admin", AuditAction.CHANGED, AuditKind.SERVICE, service.getName()),
                tuple("admin", AuditAction.CREATED, AuditKind.SERVICE, service.getName()));
        assertThat(listed.get(3).getDetail()).isEqualTo("added widget Price");
    }

    @Test
    void aRefusedChangeLeavesNoAuditEntry() {
        int before = auditSize();
        loginAs("vera", Role.VIEWER);
        assertThatThrownBy(() -> dashboards.save(new Dashboard("Refused", "refused", null)))
                .isInstanceOf(AccessDeniedException.class);
        loginAs("admin", Role.ADMIN);
        assertThatThrownBy(() -> dashboards.save(new Dashboard("", "", null)))
                .isInstanceOf(InvalidDefinitionException.class);
        assertThat(auditSize()).isEqualTo(before);
    }

    private int auditSize() {
        UI.getCurrent().navigate("dashboards");
        UI.getCurrent().navigate("audit");
        return GridKt._size(_get(Grid.class, spec -> spec.withId("audit-grid")));
    }
}
