package org.socketboard.dashboard.widget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.data.provider.DataChangeEvent;
import com.vaadin.flow.data.provider.DataChangeEvent.DataRefreshEvent;
import com.vaadin.flow.data.provider.DataProvider;
import com.vaadin.flow.server.communication.UidlWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socketboard.KaribuTest;
import org.socketboard.base.ui.ViewerTime;
import org.socketboard.dashboard.chart.RecordFilter;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.push.Flushing;
import org.socketboard.push.UiFlusher;
import org.socketboard.upstream.UpstreamClient;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.runtime.LiveVariable;
import org.socketboard.variable.runtime.LiveVariableSpec;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Widgets send only what changed: which refreshes the grid's and list's data providers get per flush
 * (Vaadin's DataCommunicator sends one row for a refreshed item, the requested range for a refresh of
 * all), and that the value card changes nothing in the browser for records its filter leaves out.
 */
class WidgetDeltasTest extends KaribuTest {

    private static final List<WidgetConfig.GridColumn> COLUMNS = List.of(
            new WidgetConfig.GridColumn("/symbol", "Symbol", WidgetConfig.Format.TEXT),
            new WidgetConfig.GridColumn("/price", "Price", WidgetConfig.Format.NUMBER));
    private static final ViewerTime UTC = ViewerTime.fixed(ZoneOffset.UTC, Locale.ROOT);

    @RegisterExtension
    final Flushing flushing = new Flushing();

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<DataChangeEvent<?>> refreshes = new ArrayList<>();

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    @Test
    void anUpsertThatReplacesOneRecordRefreshesOnlyThatRowOfTheGrid() throws Exception {
        var quotes = variable(InsertStrategy.UPSERT, "/symbol");
        quotes.dataset().accept(List.of(quote("ACME", 1), quote("GLOBEX", 2), quote("INITECH", 3)));
        var widget = new GridWidget("Quotes", COLUMNS, RecordFilter.ALL, quotes, flushing.flushers(), UTC);
        UiFlusher flusher = show(widget, widget.grid().getDataProvider());

        quotes.dataset().accept(List.of(quote("GLOBEX", 2.5)));
        flush(flusher, 2);

        assertThat(refreshes).singleElement().isInstanceOf(DataRefreshEvent.class);
        var row = (RecordRow) ((DataRefreshEvent<?>) refreshes.get(0)).getItem();
        assertThat(row.record()).isEqualTo(quote("GLOBEX", 2.5));
        assertThat(items(widget)).isEqualTo(quotes.dataset().snapshot());
    }

    @Test
    void aRefreshMessageEqualToTheLastOneRefreshesNothingAndADifferentOneOnlyTheRowsThatDiffer() throws Exception {
        var board = variable(InsertStrategy.REFRESH, null);
        board.dataset().accept(List.of(quote("ACME", 1), quote("GLOBEX", 2)));
        var widget = new GridWidget("Board", COLUMNS, RecordFilter.ALL, board, flushing.flushers(), UTC);
        UiFlusher flusher = show(widget, widget.grid().getDataProvider());

        board.dataset().accept(List.of(quote("ACME", 1), quote("GLOBEX", 2)));
        flush(flusher, 2);
        assertThat(refreshes).isEmpty();

        board.dataset().accept(List.of(quote("ACME", 1), quote("GLOBEX", 7)));
        flush(flusher, 3);
        assertThat(refreshes).singleElement().isInstanceOf(DataRefreshEvent.class);

        board.dataset().accept(List.of(quote("ACME", 1)));
        flush(flusher, 4);
        assertThat(refreshes).hasSize(2).last().isNotInstanceOf(DataRefreshEvent.class);
        assertThat(items(widget)).isEqualTo(board.dataset().snapshot());
    }

    @Test
    void recordsAFilterLeavesOutRefreshNoListRowsAndRecordsItKeepsMoveThem() throws Exception {
        var ticks = variable(InsertStrategy.ADD_LAST, null);
        var fields = new WidgetConfig.ListFields(null, null, null, List.of(new WidgetConfig.ListField("/price", "Price", WidgetConfig.Format.NUMBER, null, null)));
        var widget = new ListWidget("ACME", fields, RecordFilter.of("/symbol", "ACME"), ticks, flushing.flushers(), UTC);
        ticks.dataset().accept(List.of(quote("ACME", 1)));
        UiFlusher flusher = show(widget, widget.list().getDataProvider());

        ticks.dataset().accept(List.of(quote("GLOBEX", 2)));
        flush(flusher, 2);
        assertThat(refreshes).isEmpty();

        ticks.dataset().accept(List.of(quote("ACME", 3)));
        flush(flusher, 3);
        assertThat(refreshes).singleElement().isNotInstanceOf(DataRefreshEvent.class);
        assertThat(widget.items()).extracting(RecordRow::record).containsExactly(quote("ACME", 1), quote("ACME", 3));
    }

    @Test
    void aValueCardSendsNothingForRecordsItsFilterLeavesOut() throws Exception {
        var ticks = variable(InsertStrategy.ADD_LAST, null);
        var card = new ValueCardWidget("ACME", new WidgetConfig.Value("/price", "USD", true, false),
                RecordFilter.of("/symbol", "ACME"), ticks, flushing.flushers(), UTC);
        ticks.dataset().accept(List.of(quote("ACME", 1), quote("ACME", 2)));
        UiFlusher flusher = show(card, null);
        var browser = new UidlWriter();
        browser.createUidl(UI.getCurrent(), false); // the first render

        ticks.dataset().accept(List.of(quote("GLOBEX", 5)));
        flush(flusher, 2);
        assertThat(browser.createUidl(UI.getCurrent(), false).path("changes")).as("state changes sent").isEmpty();

        ticks.dataset().accept(List.of(quote("ACME", 4)));
        flush(flusher, 3);
        assertThat(browser.createUidl(UI.getCurrent(), false).path("changes")).isNotEmpty();
        assertThat(card.getElement().getAttribute(ValueCardWidget.VALUE_ATTRIBUTE)).isEqualTo("4.0");
        assertThat(card.getElement().getAttribute(ValueCardWidget.CHANGE_ATTRIBUTE)).isEqualTo("2.0");
    }

    private LiveVariable variable(InsertStrategy strategy, String upsertKey) {
        // Never opened: the test feeds its dataset.
        var spec = new LiveVariableSpec("quotes", URI.create("ws://127.0.0.1:1/"), null, null, "", strategy, 100,
                upsertKey, "", null, null);
        return new LiveVariable(spec, UpstreamClient.withDefaults(), uri -> () -> { }, Clock.systemUTC(), timers);
    }

    /** Attaches the widget, flushes its snapshot, then records the data provider's refreshes from there on. */
    private UiFlusher show(DashboardWidget widget, DataProvider<RecordRow, ?> rows) throws InterruptedException {
        UI.getCurrent().add(widget);
        UiFlusher flusher = flushing.flushers().forUi(UI.getCurrent());
        flush(flusher, 1);
        if (rows != null) {
            rows.addDataProviderListener(refreshes::add);
        }
        return flusher;
    }

    private void flush(UiFlusher flusher, long count) throws InterruptedException {
        flushing.tick();
        Flushing.runUntilFlushed(flusher, count);
    }

    private static List<JsonNode> items(GridWidget widget) {
        return widget.grid().getGenericDataView().getItems().map(RecordRow::record).toList();
    }

    private static JsonNode quote(String symbol, double price) {
        return JsonNodeFactory.instance.objectNode().put("symbol", symbol).put("price", price);
    }
}
