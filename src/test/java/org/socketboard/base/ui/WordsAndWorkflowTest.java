package org.socketboard.base.ui;

import com.github.mvysny.kaributesting.v10.CheckboxGroupKt;
import com.github.mvysny.kaributesting.v10.ComboBoxKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.RadioButtonsKt;
import com.github.mvysny.kaributesting.v23.MultiselectComboBoxUtilsKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.dashboard.DashboardFixtures;
import org.socketboard.dashboard.DashboardCatalog;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.service.domain.FieldType;
import org.socketboard.service.domain.ParamLocation;
import org.socketboard.service.domain.ServiceParam;
import org.socketboard.service.domain.SocketService;
import org.socketboard.service.domain.SocketServiceRepository;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.Variable;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socketboard.dashboard.DashboardFixtures.unique;

/**
 * Issue 13.6: choice lists speak words, On new data explains itself, and the pages lead along the
 * workflow (Services → Variables → Dashboards) with a next step after each save.
 */
class WordsAndWorkflowTest extends KaribuTest {

    /** An enum constant's name as Java writes it: CHART, RADIAL_BAR, TIMESTAMP. */
    private static final Pattern ENUM_NAME = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
    /** Names that their own specification spells in capitals (STOMP 1.2), so they are words here. */
    private static final java.util.Set<String> PROPER_NAMES = java.util.Set.of("STOMP");

    @Autowired
    DashboardFixtures fixtures;

    @Autowired
    DashboardCatalog dashboards;

    @Autowired
    SocketServiceRepository services;

    private SocketService ticker;
    private Variable prices;
    private String slug;

    @BeforeEach
    void aServiceWithParametersAVariableAndADashboard() {
        ticker = fixtures.tickerService(feedUrl("/feeds/ticker"));
        ticker.setName(unique("ticker"));
        ticker.setSampleResponse("{\"symbol\": \"ACME\", \"price\": 12.5, \"volume\": 3, \"ts\": 1700000000000}");
        ticker.setParams(List.of(new ServiceParam("symbols", ParamLocation.QUERY, FieldType.STRING, "ACME", false, false),
                new ServiceParam("token", ParamLocation.HEADER, FieldType.STRING, null, false, false)));
        ticker = services.save(ticker);
        prices = fixtures.variable(unique("prices"), ticker, null, false);
        var dashboard = new Dashboard("Words", unique("words"), null);
        dashboard.setSharedWithRoles(List.of("VIEWER"));
        slug = dashboards.save(dashboard).getSlug();
    }

    @Test
    void everyChoiceListOnEveryPageShowsWordsAndNoEnumName() {
        Map<String, List<String>> labels = new LinkedHashMap<>();

        UI.getCurrent().navigate("services/" + ticker.getName());
        collectChoiceLabels("service page", labels);
        UI.getCurrent().navigate("variables/" + prices.getName());
        _click(_get(Button.class, spec -> spec.withId("variable-filter-add")));
        collectChoiceLabels("variable page", labels);
        UI.getCurrent().navigate("users");
        collectChoiceLabels("users page", labels);
        UI.getCurrent().navigate("dashboards/" + slug + "/edit");
        collectChoiceLabels("dashboard editor", labels);
        _click(_get(Button.class, spec -> spec.withId("dashboard-add-widget")));
        choose(_get(ComboBox.class, spec -> spec.withId("widget-variable")), prices.getName());
        for (WidgetType type : WidgetType.values()) {
            _setValue(_get(Select.class, spec -> spec.withId("widget-type")), type);
            collectChoiceLabels("widget dialog, " + type, labels);
        }

        assertThat(labels).as("the walk found the choice lists").containsKeys(
                "service page: Select", "variable page: Select", "variable page: ComboBox", "users page: CheckboxGroup",
                "dashboard editor: CheckboxGroup", "widget dialog, CHART: Select", "widget dialog, CHART: ComboBox",
                "widget dialog, GRID: MultiSelectComboBox");
        assertThat(labels.get("widget dialog, CHART: Select")).contains("Chart", "Line", "Radial bars", "A time field");
        assertThat(labels.get("service page: Select")).contains("Query string", "Header", "text");
        assertThat(labels.get("dashboard editor: CheckboxGroup")).contains("Viewers");
        labels.forEach((where, shown) -> assertThat(shown).as(where)
                .isNotEmpty()
                .noneMatch(label -> ENUM_NAME.matcher(label).matches() && !PROPER_NAMES.contains(label)));
    }

    @Test
    void theDashboardsListSaysWhoADashboardIsSharedWithInWords() {
        UI.getCurrent().navigate("dashboards");

        assertThat(_find(com.vaadin.flow.component.html.Span.class).stream()
                .map(com.vaadin.flow.component.html.Span::getText)
                .filter(text -> text.startsWith("Shared with")))
                .contains("Shared with Viewers")
                .noneMatch(text -> text.contains("VIEWER"));
    }

    @Test
    void onNewDataExplainsEachChoiceWithItsUseAndWhatTheDataLimitDoesWithIt() {
        UI.getCurrent().navigate("variables/new");
        @SuppressWarnings("unchecked")
        Select<InsertStrategy> strategy = _get(Select.class, spec -> spec.withId("variable-strategy"));

        Map<InsertStrategy, String> choices = new LinkedHashMap<>();
        for (InsertStrategy choice : InsertStrategy.values()) {
            choices.put(choice, textOf(ComboBoxKt._getRenderedComponentFor(strategy, choice)));
        }
        assertThat(choices.get(InsertStrategy.REFRESH)).contains("Refresh").contains("latest snapshot").contains("weather");
        assertThat(choices.get(InsertStrategy.ADD_LAST)).contains("Add as last record").contains("prices").contains("heart rate");
        assertThat(choices.get(InsertStrategy.ADD_FIRST)).contains("Add as first record").contains("newest on top")
                .contains("match scores");
        assertThat(choices.get(InsertStrategy.UPSERT)).contains("Upsert by key");

        _setValue(strategy, InsertStrategy.ADD_LAST);
        assertThat(strategy.getHelperText()).contains("heart rate").contains("Data limit").contains("oldest record drops from the start");
        _setValue(strategy, InsertStrategy.REFRESH);
        assertThat(strategy.getHelperText()).contains("weather").contains("Data limit: the most records kept of one message");
    }

    @Test
    void theMenuFollowsTheWorkflowServicesThenVariablesThenDashboards() {
        UI.getCurrent().navigate("dashboards");

        SideNav nav = _get(SideNav.class, spec -> spec.withId("main-nav"));
        List<String> titles = nav.getItems().stream().map(SideNavItem::getLabel).toList();

        assertThat(titles).startsWith("Services", "Variables", "Dashboards");
    }

    @Test
    void afterSavingAServiceThePageOffersAVariableOnItAndThatVariablePageStartsWithTheServiceChosen() {
        UI.getCurrent().navigate("services/" + ticker.getName());
        _click(_get(Button.class, spec -> spec.withId("service-save")));

        Anchor next = nextStep("service-next-variable");
        assertThat(next.getText()).isEqualTo("Create a variable on it");
        navigateTo(next.getHref());

        @SuppressWarnings("unchecked")
        ComboBox<SocketService> service = _get(ComboBox.class, spec -> spec.withId("variable-service"));
        assertThat(service.getValue()).extracting(SocketService::getName).isEqualTo(ticker.getName());
    }

    @Test
    void afterSavingAVariableThePageOffersToAddItToADashboardWhoseEditorThenOpensAWidgetOnIt() {
        UI.getCurrent().navigate("variables/" + prices.getName());
        _click(_get(Button.class, spec -> spec.withId("variable-save")));

        Anchor next = nextStep("variable-next-dashboard");
        assertThat(next.getText()).isEqualTo("Add it to a dashboard");
        navigateTo(next.getHref());
        Anchor here = _find(Anchor.class, spec -> spec.withClasses("dashboard-add-variable")).stream()
                .filter(anchor -> anchor.getHref().startsWith("dashboards/" + slug + "/edit")).findFirst().orElseThrow();
        navigateTo(here.getHref());

        @SuppressWarnings("unchecked")
        ComboBox<Variable> variable = _get(ComboBox.class, spec -> spec.withId("widget-variable"));
        assertThat(variable.getValue()).extracting(Variable::getName).isEqualTo(prices.getName());
    }

    @Test
    void theUsersListNamesRolesInTheWordsTheDashboardFormUses() {
        UI.getCurrent().navigate("users");
        Grid<?> users = _get(Grid.class, spec -> spec.withId("users-grid"));
        List<String> roles = java.util.stream.IntStream.range(0, GridKt._size(users))
                .mapToObj(row -> GridKt._getFormatted(users, row, "roles")).toList();

        assertThat(roles).contains("Admin").noneMatch(text -> text.contains("ADMIN"));
        assertThat(CheckboxGroupKt.getItemLabels(_get(CheckboxGroup.class, spec -> spec.withId("user-roles"))))
                .first().asString().startsWith("Admin: ");
        UI.getCurrent().navigate("dashboards/" + slug + "/edit");
        assertThat(CheckboxGroupKt.getItemLabels(_get(CheckboxGroup.class, spec -> spec.withId("dashboard-shared-roles"))))
                .containsExactly("Admins", "Editors", "Viewers");
    }

    @Test
    void theNextStepLinkReadsInTheNotificationsOwnColourNotLinkBlueOnGreen() {
        UI.getCurrent().navigate("services/" + ticker.getName());
        _click(_get(Button.class, spec -> spec.withId("service-save")));

        Anchor next = nextStep("service-next-variable");
        // The success notification's text colour is its contrast colour in the light and the dark theme.
        assertThat(next.getStyle().get("color")).isEqualTo("inherit");
        assertThat(next.getStyle().get("text-decoration")).isEqualTo("underline");
    }

    /** Follows a link as the browser would: its path and its query string. */
    private static void navigateTo(String href) {
        int query = href.indexOf('?');
        UI.getCurrent().navigate(href.substring(0, query),
                com.vaadin.flow.router.QueryParameters.fromString(href.substring(query + 1)));
    }

    private static Anchor nextStep(String id) {
        assertThat(NotificationsKt.getNotifications()).as("a notification offers the next step").isNotEmpty();
        return _get(Anchor.class, spec -> spec.withId(id));
    }

    private static void choose(ComboBox<?> box, String label) {
        ComboBoxKt.selectByLabel(box, label);
    }

    private static String textOf(Component component) {
        return component.getElement().getTextRecursively();
    }

    /** The item labels of every choice list now shown, under "where: kind". */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void collectChoiceLabels(String where, Map<String, List<String>> labels) {
        for (Select select : _find(Select.class)) {
            labels.computeIfAbsent(where + ": Select", key -> new ArrayList<>()).addAll(ComboBoxKt.getSuggestions(select));
        }
        for (ComboBox box : _find(ComboBox.class)) {
            labels.computeIfAbsent(where + ": ComboBox", key -> new ArrayList<>()).addAll(ComboBoxKt.getSuggestions(box));
        }
        for (MultiSelectComboBox box : _find(MultiSelectComboBox.class)) {
            labels.computeIfAbsent(where + ": MultiSelectComboBox", key -> new ArrayList<>())
                    .addAll(MultiselectComboBoxUtilsKt.getSuggestions(box));
        }
        for (RadioButtonGroup group : _find(RadioButtonGroup.class)) {
            labels.computeIfAbsent(where + ": RadioButtonGroup", key -> new ArrayList<>()).addAll(RadioButtonsKt.getItemLabels(group));
        }
        for (CheckboxGroup group : _find(CheckboxGroup.class)) {
            labels.computeIfAbsent(where + ": CheckboxGroup", key -> new ArrayList<>()).addAll(CheckboxGroupKt.getItemLabels(group));
        }
    }
}
