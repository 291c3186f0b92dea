package org.socketboard.dashboard;

import org.socketboard.base.InvalidDefinitionException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.GridLayout;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.domain.Variable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.boot.test.context.SpringBootTest;
import org.socketboard.testsupport.SignedInAs;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.socketboard.dashboard.DashboardFixtures.unique;
import static org.socketboard.dashboard.DashboardFixtures.valueCard;

@Tag("database")
// Changes go through method security: these tests act as an admin.
@SignedInAs
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardCatalogTest {

    @Autowired
    DashboardCatalog dashboards;

    @Autowired
    DashboardFixtures fixtures;

    @Autowired
    VariableCatalog variables;

    private Variable ticker;

    @BeforeEach
    void storeAVariable() {
        ticker = fixtures.variable(unique("ticker"), fixtures.tickerService("ws://localhost:1/feeds/ticker"), null, false);
    }

    private Dashboard stored(String slug) {
        return dashboards.save(new Dashboard("Prices " + slug, slug, "What ACME costs"));
    }

    @Test
    void aSaveOfAStaleCopyIsToldItChangedMeanwhileAndNotThatAFieldIsWrong() {
        String slug = unique("stale");
        stored(slug);
        Dashboard mine = dashboards.findBySlug(slug).orElseThrow();
        Dashboard theirs = dashboards.findBySlug(slug).orElseThrow();
        theirs.setDescription("Theirs");
        dashboards.save(theirs);
        mine.setDescription("Mine");

        assertThatThrownBy(() -> dashboards.save(mine)).isInstanceOf(ConcurrencyFailureException.class)
                .isNotInstanceOf(InvalidDefinitionException.class);
        assertThat(dashboards.findBySlug(slug).orElseThrow().getDescription()).isEqualTo("Theirs");
    }

    @Test
    void aSlugOtherThanLowerCaseLettersDigitsAndDashesIsRefusedAndNothingIsStored() {
        var refusal = catchThrowableOfType(InvalidDefinitionException.class,
                () -> dashboards.save(new Dashboard("Live prices", "Live Prices!", null)));

        assertThat(refusal.errors()).containsOnlyKeys(DashboardField.SLUG);
        assertThat(refusal.errors().get(DashboardField.SLUG)).contains("lower-case letters, digits and '-'");
        assertThat(dashboards.listVisible()).noneMatch(summary -> summary.name().equals("Live prices"));
    }

    @Test
    void aSecondDashboardCannotTakeASlugThatIsInUse() {
        String slug = unique("prices");
        stored(slug);

        var refusal = catchThrowableOfType(InvalidDefinitionException.class,
                () -> dashboards.save(new Dashboard("Other", slug, null)));

        assertThat(refusal.errors().get(DashboardField.SLUG)).contains("already has the slug '" + slug + "'");
    }

    @Test
    void aDashboardWithoutANameIsRefusedWithAReasonForTheNameField() {
        var refusal = catchThrowableOfType(InvalidDefinitionException.class,
                () -> dashboards.save(new Dashboard("  ", unique("unnamed"), null)));

        assertThat(refusal.errors()).containsOnlyKeys(DashboardField.NAME);
    }

    @Test
    void aWidgetNeedsAKnownVariableAndTheFieldsItShowsElseNothingIsAdded() {
        String slug = unique("prices");
        stored(slug);
        var chartWithoutSeries = new Widget(WidgetType.CHART, "Price", ticker.getName(), 2, 1,
                WidgetConfig.chart(new WidgetConfig.Chart(WidgetConfig.ChartKind.LINE, WidgetConfig.XSource.TIMESTAMP,
                        "/ts", List.of(), null, null, null)));
        var unknownVariable = valueCard("Price", "no-such-variable");
        var tooWide = new Widget(WidgetType.GRID, "Ticks", ticker.getName(), 5, 1,
                WidgetConfig.grid(List.of(new WidgetConfig.GridColumn("price", "Price", WidgetConfig.Format.NUMBER))));

        var noSeries = catchThrowableOfType(InvalidDefinitionException.class, () -> dashboards.addWidget(slug, chartWithoutSeries));
        var noVariable = catchThrowableOfType(InvalidDefinitionException.class, () -> dashboards.addWidget(slug, unknownVariable));
        var badGrid = catchThrowableOfType(InvalidDefinitionException.class, () -> dashboards.addWidget(slug, tooWide));

        assertThat(noSeries.errors()).containsOnlyKeys(DashboardField.WIDGET_FIELDS);
        assertThat(noVariable.errors().get(DashboardField.WIDGET_VARIABLE)).contains("no-such-variable");
        assertThat(badGrid.errors()).containsOnlyKeys(DashboardField.WIDGET_SIZE, DashboardField.WIDGET_FIELDS);
        assertThat(badGrid.errors().get(DashboardField.WIDGET_FIELDS)).contains("a path such as /price");
        assertThat(dashboards.findBySlug(slug).orElseThrow().getWidgets()).isEmpty();
    }

    @Test
    void widgetsKeepTheLayoutMadeByHandAndTheOthersRiseWhenOneIsRemoved() {
        String slug = unique("prices");
        stored(slug);
        dashboards.addWidget(slug, valueCard("first", ticker.getName()));
        dashboards.addWidget(slug, valueCard("second", ticker.getName()));
        Dashboard three = dashboards.addWidget(slug, valueCard("third", ticker.getName()));
        long third = three.getWidgets().get(2).getId();
        long first = three.getWidgets().get(0).getId();

        long second = three.getWidgets().get(1).getId();
        // Added widgets take the first free places in a row.
        assertThat(three.getWidgets()).extracting(Widget::getGridX).containsExactly(0, 1, 2);
        assertThat(three.getWidgets()).extracting(Widget::getGridY).containsExactly(0, 0, 0);

        // As gridstack sends it after the third was dragged to the top left and made 3 wide, 2 high.
        dashboards.arrangeWidgets(slug, Map.of(
                third, new GridLayout.Placement(0, 0, 3, 2),
                first, new GridLayout.Placement(3, 0, 1, 1),
                second, new GridLayout.Placement(0, 2, 1, 1)));
        Dashboard after = dashboards.removeWidget(slug, first);

        assertThat(after.getWidgets()).extracting(Widget::getTitle).containsExactly("third", "second");
        assertThat(after.getWidgets()).extracting(Widget::getPosition).containsExactly(0, 1);
        Dashboard reloaded = dashboards.findBySlug(slug).orElseThrow();
        assertThat(reloaded.getWidgets()).extracting(Widget::getTitle).containsExactly("third", "second");
        assertThat(GridLayout.of(reloaded.getWidgets())).containsExactly(
                new GridLayout.Placement(0, 0, 3, 2), new GridLayout.Placement(0, 2, 1, 1));
        assertThat(reloaded.getWidgets().get(0).getConfig().value().field()).isEqualTo("/price");
    }

    @Test
    void theListShowsEachDashboardWithItsWidgetCountAndSharing() {
        String slug = unique("shared");
        Dashboard dashboard = new Dashboard("Shared prices", slug, null);
        dashboard.setSharedWithRoles(List.of("viewer"));
        dashboard.setSharedWithUsers(List.of(" Vera "));
        dashboard.addWidget(valueCard("price", ticker.getName()));
        dashboards.save(dashboard);

        var summary = dashboards.listVisible().stream().filter(s -> s.slug().equals(slug)).findFirst().orElseThrow();

        assertThat(summary.widgetCount()).isEqualTo(1);
        assertThat(summary.sharedWith()).isEqualTo("Viewers, vera");
    }

    @Test
    void aDashboardsOwnVariableCannotBeUsedOnAnotherDashboard() {
        Dashboard owner = stored(unique("owner"));
        String other = unique("other");
        stored(other);
        Variable own = fixtures.variable(unique("own"), ticker.getService(), owner.getId(), false);

        dashboards.addWidget(owner.getSlug(), valueCard("mine", own.getName()));
        var refusal = catchThrowableOfType(InvalidDefinitionException.class,
                () -> dashboards.addWidget(other, valueCard("not mine", own.getName())));

        assertThat(refusal.errors()).containsOnlyKeys(DashboardField.WIDGET_VARIABLE);
    }

    @Test
    void deletingADashboardDeletesItsOwnVariablesButNotTheApplicationOnes() {
        Dashboard owner = stored(unique("doomed"));
        Variable own = fixtures.variable(unique("own"), ticker.getService(), owner.getId(), false);
        dashboards.addWidget(owner.getSlug(), valueCard("mine", own.getName()));

        dashboards.delete(owner.getSlug());

        assertThat(dashboards.findBySlug(owner.getSlug())).isEmpty();
        assertThat(variables.find(own.getId())).isEmpty();
        assertThat(variables.find(ticker.getId())).isPresent();
    }
}
