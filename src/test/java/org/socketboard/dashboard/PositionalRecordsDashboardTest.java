package org.socketboard.dashboard;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.dashboard.widget.GridWidget;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.SocketService;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.VariableFixtures;
import org.socketboard.variable.domain.MessageFilter;
import org.socketboard.variable.domain.Variable;
import org.socketboard.testsupport.LoopbackWebSocketServer;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.socketboard.dashboard.DashboardFixtures.unique;

/**
 * A feed whose records are arrays ({@code [channel, [time, price, amount]]}, with {@code [channel, "hb"]}
 * heartbeats), read by position, on a dashboard: the widget editor offers the positions by their display
 * names and the grid shows them under those names. The feed is a loopback echo server, fed by the
 * variable's own send-on-open messages.
 */
class PositionalRecordsDashboardTest extends KaribuTest {

    @Autowired
    ServiceCatalog services;

    @Autowired
    VariableCatalog variables;

    @Autowired
    DashboardCatalog dashboards;

    private LoopbackWebSocketServer feed;
    private Variable candles;
    private String slug;

    @BeforeEach
    void anArrayFeedItsServiceAVariableAndADashboard() throws IOException {
        feed = LoopbackWebSocketServer.echo();
        var service = new SocketService();
        service.setName(unique("candles"));
        service.setUrl(feed.uri("/").toString());
        service.setSampleResponse("[17,[1700000000000,42.5,0.3]]");
        service.setRecordPath("/1");
        service.setArrayRecords(true);
        service.setFieldNames(Map.of("/0", "time", "/1", "price"));
        service.setTestSkipped(true);
        SocketService stored = services.save(service);

        var variable = VariableFixtures.variableOn(stored, 10);
        variable.setConnectOnLoad(true);
        variable.setSendOnOpen(List.of("[17,\"hb\"]", "[17,[1700000000000,42.5,0.3]]", "[17,\"hb\"]",
                "[17,[1700000060000,43.25,0.1]]"));
        variable.setMessageFilter(new MessageFilter(MessageFilter.Mode.DROP, MessageFilter.Match.ANY,
                List.of(new MessageFilter.Condition("/1", MessageFilter.Operator.EQUALS, "hb"))));
        candles = variables.save(variable);
        slug = dashboards.save(new Dashboard("Candles", unique("candles"), null)).getSlug();
    }

    @AfterEach
    void stopTheFeed() throws IOException {
        feed.close();
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Class<? extends Component> type, String id) {
        return (T) _get((Class<Component>) type, spec -> spec.withId(id));
    }


    @Test
    void theWidgetEditorOffersPositionsByDisplayNameAndTheGridShowsThemUnderThoseNames() throws InterruptedException {
        UI.getCurrent().navigate("dashboards/" + slug + "/edit");
        _click(_get(Button.class, spec -> spec.withId("dashboard-add-widget")));
        _setValue(field(Select.class, "widget-type"), WidgetType.GRID);
        _setValue(field(TextField.class, "widget-title"), "Candles");
        ComboBox<Variable> variableBox = field(ComboBox.class, "widget-variable");
        _setValue(variableBox, variableBox.getListDataView().getItems()
                .filter(candidate -> candidate.getName().equals(candles.getName())).findFirst().orElseThrow());
        MultiSelectComboBox<FieldMeta> columns = field(MultiSelectComboBox.class, "widget-columns");

        assertThat(columns.getListDataView().getItems().map(columns.getItemLabelGenerator()))
                .satisfiesExactly(label -> assertThat(label).startsWith("time (/0) · "),
                        label -> assertThat(label).isEqualTo("price (/1) · number"),
                        label -> assertThat(label).isEqualTo("/2 · number"));
        _setValue(columns, columns.getListDataView().getItems()
                .filter(meta -> Set.of("/0", "/1").contains(meta.path())).collect(Collectors.toSet()));
        _click(_get(Button.class, spec -> spec.withId("widget-save")));

        var stored = dashboards.findBySlug(slug).orElseThrow().getWidgets().get(0);
        assertThat(stored.getConfig().columns()).extracting(WidgetConfig.GridColumn::path, WidgetConfig.GridColumn::header)
                .containsExactly(tuple("/0", "time"), tuple("/1", "price"));

        UI.getCurrent().navigate("dashboards/" + slug);
        var grid = _get(GridWidget.class);
        awaitPushed("both candles, the heartbeats filtered out", () -> grid.rowCount() == 2);
        assertThat(grid.table().getHeaders()).containsExactly("time", "price");
        assertThat(grid.text(1, "/1")).isEqualTo("43.25");
        assertThat(grid.text(0, "/0")).isNotBlank();
    }
}
