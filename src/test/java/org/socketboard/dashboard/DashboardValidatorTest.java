package org.socketboard.dashboard;

import org.junit.jupiter.api.Test;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.springframework.test.util.ReflectionTestUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard and widget checks on their own: no database, no Spring context; the messages are the ones the editor and the API show. */
class DashboardValidatorTest {

    private final DashboardValidator validator = new DashboardValidator();

    private static Optional<Dashboard> noneStored(String slug) {
        return Optional.empty();
    }

    @Test
    void aGoodDashboardHasNoErrors() {
        var dashboard = new Dashboard("Live prices", "live-prices", "What ACME costs");
        dashboard.setSharedWithRoles(List.of("viewer"));
        dashboard.setSharedWithUsers(List.of(" Vera "));

        assertThat(validator.check(dashboard, DashboardValidatorTest::noneStored)).isEmpty();
    }

    @Test
    void everyBadFieldOfADashboardGetsItsOwnMessage() {
        var dashboard = new Dashboard("  ", "Live Prices!", "d".repeat(Dashboard.MAX_DESCRIPTION_LENGTH + 1));
        dashboard.setSharedWithRoles(List.of("traders"));

        assertThat(validator.check(dashboard, DashboardValidatorTest::noneStored)).containsExactly(
                Map.entry(DashboardField.NAME, "Give the dashboard a name"),
                Map.entry(DashboardField.SLUG, "Only lower-case letters, digits and '-'"),
                Map.entry(DashboardField.DESCRIPTION, "At most " + Dashboard.MAX_DESCRIPTION_LENGTH + " characters"),
                Map.entry(DashboardField.SHARING, "'traders' is not a role: share with ADMIN, EDITOR or VIEWER"));
    }

    @Test
    void aSlugAnotherDashboardHasIsRefusedButADashboardKeepsItsOwn() {
        var stored = new Dashboard("Prices", "prices", null);
        ReflectionTestUtils.setField(stored, "id", 3L);
        List<String> askedFor = new ArrayList<>();

        assertThat(validator.check(new Dashboard("Other", "prices", null), slug -> {
            askedFor.add(slug);
            return Optional.of(stored);
        })).containsExactly(Map.entry(DashboardField.SLUG, "Another dashboard already has the slug 'prices'"));
        assertThat(askedFor).containsExactly("prices");
        assertThat(validator.check(stored, slug -> Optional.of(stored))).isEmpty();
    }

    @Test
    void aDirectionOverrideInTheNameOrDescriptionIsRefusedInPlainWords() {
        var dashboard = new Dashboard("\u202Egnp.exe", "prices", "About \u2067this\u2069");

        assertThat(validator.check(dashboard, DashboardValidatorTest::noneStored)).containsExactly(
                Map.entry(DashboardField.NAME, "The name cannot contain invisible direction characters (here U+202E):"
                        + " they make the text read in another order"),
                Map.entry(DashboardField.DESCRIPTION, "The description cannot contain invisible direction characters"
                        + " (here U+2067): they make the text read in another order"));
    }

    @Test
    void aDirectionOverrideInAWidgetsTitleUnitAxisTitleOrSeriesNameIsRefused() {
        var titled = new Widget(WidgetType.VALUE, "Price \u202E", "ticker", 4, 2,
                WidgetConfig.value(new WidgetConfig.Value("/price", "USD", false, false)));
        assertThat(validator.checkWidget(titled, name -> true)).containsOnlyKeys(DashboardField.WIDGET_TITLE);
        assertThat(validator.checkWidget(titled, name -> true).get(DashboardField.WIDGET_TITLE))
                .startsWith("The title cannot contain invisible direction characters (here U+202E)");

        var unit = new Widget(WidgetType.VALUE, "Price", "ticker", 4, 2,
                WidgetConfig.value(new WidgetConfig.Value("/price", "\u202EDSU", false, false)));
        var axis = chartWith(new WidgetConfig.Series("/price", "bid"), "\u200Ftime");
        var series = chartWith(new WidgetConfig.Series("/price", "\u202Ddib"), "time");
        for (Widget widget : List.of(unit, axis, series)) {
            assertThat(validator.checkWidget(widget, name -> true)).containsOnlyKeys(DashboardField.WIDGET_FIELDS);
            assertThat(validator.checkWidget(widget, name -> true).get(DashboardField.WIDGET_FIELDS))
                    .startsWith("A unit, title, name or label cannot contain invisible direction characters");
        }
        assertThat(validator.checkWidget(chartWith(new WidgetConfig.Series("/price", "שלום"), "time"), name -> true))
                .as("right-to-left letters are no controls").isEmpty();
    }

    private static Widget chartWith(WidgetConfig.Series series, String xAxisTitle) {
        return new Widget(WidgetType.CHART, "Prices", "ticker", 4, 2,
                WidgetConfig.chart(new WidgetConfig.Chart(WidgetConfig.ChartKind.LINE, WidgetConfig.XSource.TIMESTAMP,
                        "/ts", List.of(series), xAxisTitle, null, null)));
    }

    @Test
    void aReservedSlugIsRefusedWithoutLookingItUp() {
        assertThat(validator.check(new Dashboard("New", "new", null), slug -> {
            throw new AssertionError("looked up " + slug);
        })).containsExactly(Map.entry(DashboardField.SLUG, "'new' is reserved; choose another slug"));
    }

    @Test
    void aWidgetNeedsATitleAUsableVariableASizeOnTheGridAndItsFields() {
        var chartWithoutSeries = new Widget(WidgetType.CHART, " ", "ticker", Widget.MAX_WIDTH + 1, 1,
                WidgetConfig.chart(new WidgetConfig.Chart(WidgetConfig.ChartKind.LINE, WidgetConfig.XSource.TIMESTAMP,
                        "/ts", List.of(), null, null, null)));

        assertThat(validator.checkWidget(chartWithoutSeries, name -> false)).containsExactly(
                Map.entry(DashboardField.WIDGET_TITLE, "Give the widget a title"),
                Map.entry(DashboardField.WIDGET_VARIABLE, "There is no variable 'ticker' for this dashboard"),
                Map.entry(DashboardField.WIDGET_SIZE, "Width 1 to " + Widget.MAX_WIDTH + " columns, height 1 to "
                        + Widget.MAX_HEIGHT + " rows"),
                Map.entry(DashboardField.WIDGET_FIELDS, "Choose at least one numeric field to plot"));
    }

    @Test
    void aWidgetsFieldsArePathsIntoTheRecordAndItsDecimalsInRange() {
        var grid = new Widget(WidgetType.GRID, "Ticks", "ticker", 2, 1,
                WidgetConfig.grid(List.of(new WidgetConfig.GridColumn("price", "Price", WidgetConfig.Format.NUMBER))));
        var card = new Widget(WidgetType.VALUE, "Price", "ticker", 1, 1,
                WidgetConfig.value(new WidgetConfig.Value("/price", null, false, false, WidgetConfig.MAX_DECIMALS + 1)));

        assertThat(validator.checkWidget(grid, "ticker"::equals)).containsExactly(Map.entry(DashboardField.WIDGET_FIELDS,
                "Choose a column from the record's fields (a path such as /price), not 'price'"));
        assertThat(validator.checkWidget(card, "ticker"::equals)).containsExactly(Map.entry(DashboardField.WIDGET_FIELDS,
                "Decimals must be from 0 to " + WidgetConfig.MAX_DECIMALS + ", was " + (WidgetConfig.MAX_DECIMALS + 1)));
    }

    @Test
    void aFilterNeedsTheValueItKeeps() {
        var card = new Widget(WidgetType.VALUE, "Price", "ticker", 1, 1, new WidgetConfig(null, null, null,
                new WidgetConfig.Value("/price", null, false, false), new WidgetConfig.Filter("/symbol", " ")));

        assertThat(validator.checkWidget(card, "ticker"::equals)).containsExactly(Map.entry(DashboardField.WIDGET_FIELDS,
                "Give the value the filter keeps, e.g. ACME"));
    }
}
