package org.socketboard.dashboard;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.ui.DashboardView;
import org.socketboard.security.domain.Role;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socketboard.dashboard.DashboardFixtures.unique;

/** A viewer sees the dashboards shared with their role or their name, and no other, in the list or by URL. */
class DashboardSharingTest extends KaribuTest {

    @Autowired
    DashboardCatalog dashboards;

    private String forViewers;
    private String forVera;
    private String forVictor;
    private String forEditors;

    @BeforeEach
    void storeDashboardsSharedInEachWay() {
        forViewers = stored("for-viewers", List.of("VIEWER"), List.of());
        forVera = stored("for-vera", List.of(), List.of("Vera"));
        forVictor = stored("for-victor", List.of(), List.of("victor"));
        forEditors = stored("for-editors", List.of(), List.of());
    }

    private String stored(String prefix, List<String> roles, List<String> users) {
        var dashboard = new Dashboard(prefix, unique(prefix), null);
        dashboard.setSharedWithRoles(roles);
        dashboard.setSharedWithUsers(users);
        return dashboards.save(dashboard).getSlug();
    }

    /** The slugs of the cards on the start page, opened afresh (the set-up built it for the admin). */
    private Set<String> listedSlugs() {
        UI.getCurrent().navigate("dashboards/" + forViewers);
        UI.getCurrent().navigate("dashboards");
        return Set.copyOf(_find(Div.class, spec -> spec.withClasses("sb-dashboard-card")).stream()
                .map(card -> card.getElement().getAttribute("data-dashboard-slug")).toList());
    }

    /** What opening a dashboard's address shows: its view, or the error the router answers with. */
    private static String openingOutcome(String slug) {
        try {
            UI.getCurrent().navigate("dashboards/" + slug);
            return UI.getCurrent().getCurrentView() instanceof DashboardView view ? "view " + view.getPageTitle() : "other view";
        } catch (RuntimeException refused) {
            return refused.getClass().getName() + ": " + refused.getMessage().replace(slug, "<slug>");
        }
    }

    @Test
    void aViewerListsOnlyTheDashboardsSharedWithTheirRoleOrTheirName() {
        loginAs("vera", Role.VIEWER);
        assertThat(listedSlugs()).contains(forViewers, forVera).doesNotContain(forVictor, forEditors);
        assertThat(dashboards.listVisible()).extracting(DashboardSummary::slug)
                .contains(forViewers, forVera).doesNotContain(forVictor, forEditors);
    }

    @Test
    void aDashboardNotSharedWithTheViewerIsAnsweredExactlyLikeAMissingOne() {
        loginAs("vera", Role.VIEWER);
        String missing = openingOutcome("no-such-dashboard");
        assertThat(missing).doesNotStartWith("view");
        assertThat(openingOutcome(forVictor)).isEqualTo(missing);
        assertThat(openingOutcome(forEditors)).isEqualTo(missing);
        assertThat(openingOutcome(forVera)).isEqualTo("view for-vera");
        assertThat(dashboards.findVisible(forVictor)).isEmpty();
    }

    @Test
    void editorsAndAdminsSeeEveryDashboard() {
        loginAs("eddie", Role.EDITOR);
        assertThat(listedSlugs()).contains(forViewers, forVera, forVictor, forEditors);
        assertThat(openingOutcome(forEditors)).isEqualTo("view for-editors");
    }

    @Test
    void anEditorSharesADashboardWithViewersAndUsersByName() {
        loginAs("eddie", Role.EDITOR);
        UI.getCurrent().navigate("dashboards/" + forEditors + "/edit");
        @SuppressWarnings("unchecked")
        CheckboxGroup<Role> roles = _get(CheckboxGroup.class, spec -> spec.withId("dashboard-shared-roles"));
        _setValue(roles, Set.of(Role.VIEWER));
        _setValue(_get(TextField.class, spec -> spec.withId("dashboard-shared-users")), "Walter, wanda ");
        _click(_get(Button.class, spec -> spec.withId("dashboard-save")));

        var stored = dashboards.findBySlug(forEditors).orElseThrow();
        assertThat(stored.getSharedWithRoles()).containsExactly("VIEWER");
        assertThat(stored.getSharedWithUsers()).containsExactly("walter", "wanda");
        loginAs("walter", Role.VIEWER);
        assertThat(dashboards.findVisible(forEditors)).isPresent();
    }

    @Test
    void sharingWithSomethingThatIsNoRoleIsRefusedWithAFieldError() {
        var dashboard = new Dashboard("Odd", unique("odd"), null);
        dashboard.setSharedWithRoles(List.of("traders"));
        assertThat(new DashboardValidator().check(dashboard, slug -> Optional.empty())).containsEntry(DashboardField.SHARING,
                "'traders' is not a role: share with ADMIN, EDITOR or VIEWER");
    }
}
