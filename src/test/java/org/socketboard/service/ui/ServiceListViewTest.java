package org.socketboard.service.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import org.junit.jupiter.api.Test;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.ServiceSummary;
import org.socketboard.service.domain.SocketService;
import org.socketboard.upstream.domain.Protocol;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class ServiceListViewTest extends ServiceViewTest {

    @Autowired
    ServiceCatalog catalog;

    @Test
    void withoutServicesTheListInvitesToImportOne() {
        UI.getCurrent().navigate("services");

        _get(Div.class, spec -> spec.withId("service-list-empty"));
        _assertNone(Grid.class);
        _click(button("service-list-empty-new"));

        assertThat(field("service-name").getValue()).isEmpty();
    }

    @Test
    void eachServiceIsListedWithItsLastTestAndHowManyVariablesUseIt() {
        catalog.save(service("ticker", "wss://quotes.example.com/ticker", true));
        catalog.save(service("vitals", "ws://vitals.example.com/", false));
        usage.use("ticker", "acme-price", "acme-volume");

        UI.getCurrent().navigate("services");

        var grid = list();
        assertThat(GridKt._getFormattedRow(grid, 0)).containsSubsequence(
                "ticker", "wss://quotes.example.com/ticker", "OK: Connected in 12 ms");
        assertThat(GridKt._getFormattedRow(grid, 0)).last().isEqualTo("2");
        assertThat(GridKt._getFormattedRow(grid, 1)).containsSubsequence("vitals", "Saved without a test");
        assertThat(GridKt._getFormattedRow(grid, 1)).last().isEqualTo("0");
    }

    @Test
    void eachServiceShowsItsProtocolInWordsAndTheWholeTimeOfItsLastTest() {
        var chat = service("chat", "ws://chat.example.com/socket.io/", true);
        chat.setProtocol(Protocol.SOCKET_IO);
        catalog.save(chat);
        catalog.save(service("ticker", "wss://quotes.example.com/ticker", true));
        UI.getCurrent().navigate("services");

        var grid = list();
        assertThat(grid.getColumns()).extracting(Grid.Column::getHeaderText)
                .containsSubsequence("URL", "Protocol", "Last test", "Tested at");
        assertThat(GridKt._getFormatted(grid, 0, "protocol")).isEqualTo("Socket.IO");
        assertThat(GridKt._getFormatted(grid, 1, "protocol")).isEqualTo("WebSocket");
        // The time is never cut: its column is as wide as its longest entry and does not give way.
        Grid.Column<ServiceSummary> testedAt = grid.getColumnByKey("testedAt");
        assertThat(testedAt.isAutoWidth()).isTrue();
        assertThat(testedAt.getFlexGrow()).isZero();
        assertThat(grid.getColumnByKey("name").isAutoWidth()).as("nor is the name").isTrue();
        assertThat(GridKt._getFormatted(grid, 0, "testedAt")).contains("2025");
    }

    @Test
    void clickingAServiceOpensItsSettings() {
        catalog.save(service("ticker", "wss://quotes.example.com/ticker", true));
        UI.getCurrent().navigate("services");

        GridKt._clickItem(list(), 0, 1, false, false, false, false);

        assertThat(field("service-name").getValue()).isEqualTo("ticker");
        assertThat(button("service-delete").isVisible()).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static Grid<ServiceSummary> list() {
        return _get(Grid.class, spec -> spec.withId("service-list"));
    }

    private static SocketService service(String name, String url, boolean tested) {
        var service = new SocketService();
        service.setName(name);
        service.setUrl(url);
        service.setSampleResponse("{\"price\": 1.5}");
        if (tested) {
            service.recordTest(true, "Connected in 12 ms", Instant.parse("2025-01-01T10:00:00Z"));
        } else {
            service.setTestSkipped(true);
        }
        return service;
    }
}
