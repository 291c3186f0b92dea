package org.socketboard.dashboard.widget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.TestingLifecycleHookKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import com.vaadin.flow.data.provider.DataChangeEvent;
import com.vaadin.flow.data.provider.DataChangeEvent.DataRefreshEvent;
import com.vaadin.flow.data.provider.DataProvider;
import com.vaadin.flow.server.communication.UidlWriter;
import kotlin.Unit;
import kotlin.jvm.functions.Function1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Widgets send only what changed: the grid's table gets the added rows and how many to drop, or the
 * rows replaced in place (the calls that go out per flush); the list's data provider gets one refresh
 * per changed row or one of all (Vaadin's DataCommunicator sends one row for a refreshed item, the
 * requested range for a refresh of all); the value card changes nothing in the browser for records
 * its filter leaves out.
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
    /** The JS calls that went out, as Karibu hands them over at each client round trip. */
    private final List<PendingJavaScriptInvocation> sent = new ArrayList<>();
    private final Function1<PendingJavaScriptInvocation, Unit> recorder = invocation -> {
        sent.add(invocation);
        return Unit.INSTANCE;
    };

    @BeforeEach
    void recordTheCallsThatGoOut() {
        TestingLifecycleHookKt.getPendingJavascriptInvocationHandlers().add(recorder);
    }

    @AfterEach
    void stopTimers() {
        TestingLifecycleHookKt.getPendingJavascriptInvocationHandlers().remove(recorder);
        timers.shutdownNow();
    }

    @Test
    void anAddAsLastRecordGridSendsOnlyTheNewRowsAndHowManyDroppedAtTheStart() throws Exception {
        var ticks = variable(InsertStrategy.ADD_LAST, null, 3);
        ticks.dataset().accept(List.of(quote("A", 1), quote("B", 2), quote("C", 3)));
        var widget = new GridWidget("Ticks", COLUMNS, RecordFilter.ALL, ticks, flushing.flushers(), UTC);
        UI.getCurrent().add(widget);
        UiFlusher flusher = flushing.flushers().forUi(UI.getCurrent());
        flush(flusher, 1);
        assertThat(calls(widget)).containsExactly("setHeaders([\"Symbol\",\"Price\"])",
                "replaceRows([[\"A\",\"1.00\"],[\"B\",\"2.00\"],[\"C\",\"3.00\"]])");

        ticks.dataset().accept(List.of(quote("D", 4)));
        flush(flusher, 2);

        assertThat(calls(widget)).containsExactly("appendRows([[\"D\",\"4.00\"]],1)");
        assertThat(widget.rowCount()).isEqualTo(3);
        assertThat(widget.text(2, "/symbol")).isEqualTo("D");
    }

    @Test
    void anAddAsFirstRecordGridSendsOnlyTheNewRowsOnTopAndHowManyDroppedAtTheEnd() throws Exception {
        var ticks = variable(InsertStrategy.ADD_FIRST, null, 3);
        ticks.dataset().accept(List.of(quote("A", 1), quote("B", 2), quote("C", 3)));
        var widget = new GridWidget("Ticks", COLUMNS, RecordFilter.ALL, ticks, flushing.flushers(), UTC);
        show(widget);

        ticks.dataset().accept(List.of(quote("D", 4), quote("E", 5)));
        flush(flushing.flushers().forUi(UI.getCurrent()), 2);

        assertThat(calls(widget)).containsExactly("prependRows([[\"E\",\"5.00\"],[\"D\",\"4.00\"]],2)");
        assertThat(IntStream.range(0, widget.rowCount()).mapToObj(row -> widget.text(row, "/symbol"))).containsExactly("E", "D", "C");
    }

    @Test
    void aGridOfAGrowingDatasetShowsOnlyTheNewestRowsAndDropsTheOldestShownAsNewOnesCome() throws Exception {
        var ticks = variable(InsertStrategy.ADD_LAST, null, 1000);
        ticks.dataset().accept(IntStream.range(0, GridWidget.NEWEST_ROWS + 10).mapToObj(i -> quote("S" + i, i)).toList());
        var widget = new GridWidget("Ticks", COLUMNS, RecordFilter.ALL, ticks, flushing.flushers(), UTC);
        show(widget);
        assertThat(widget.rowCount()).isEqualTo(GridWidget.NEWEST_ROWS);
        assertThat(widget.text(0, "/symbol")).isEqualTo("S10");

        ticks.dataset().accept(List.of(quote("NEW", 1)));
        flush(flushing.flushers().forUi(UI.getCurrent()), 2);

        assertThat(calls(widget)).containsExactly("appendRows([[\"NEW\",\"1.00\"]],1)");
        assertThat(widget.text(0, "/symbol")).isEqualTo("S11");
    }

    @Test
    void anUpsertThatReplacesOneRecordSendsOnlyThatRow() throws Exception {
        var quotes = variable(InsertStrategy.UPSERT, "/symbol", 100);
        quotes.dataset().accept(List.of(quote("ACME", 1), quote("GLOBEX", 2), quote("INITECH", 3)));
        var widget = new GridWidget("Quotes", COLUMNS, RecordFilter.ALL, quotes, flushing.flushers(), UTC);
        show(widget);

        quotes.dataset().accept(List.of(quote("GLOBEX", 2.5)));
        flush(flushing.flushers().forUi(UI.getCurrent()), 2);

        assertThat(calls(widget)).containsExactly("updateRows([[1,\"GLOBEX\",\"2.50\"]])");
        assertThat(widget.record(1)).isEqualTo(quote("GLOBEX", 2.5));
    }

    @Test
    void aRefreshMessageEqualToTheLastOneSendsNothingADifferentOneOnlyTheRowsThatDifferAndAShorterOneAllRows() throws Exception {
        var board = variable(InsertStrategy.REFRESH, null, 100);
        board.dataset().accept(List.of(quote("ACME", 1), quote("GLOBEX", 2)));
        var widget = new GridWidget("Board", COLUMNS, RecordFilter.ALL, board, flushing.flushers(), UTC);
        show(widget);
        UiFlusher flusher = flushing.flushers().forUi(UI.getCurrent());

        board.dataset().accept(List.of(quote("ACME", 1), quote("GLOBEX", 2)));
        flush(flusher, 2);
        assertThat(calls(widget)).isEmpty();

        board.dataset().accept(List.of(quote("ACME", 1), quote("GLOBEX", 7)));
        flush(flusher, 3);
        assertThat(calls(widget)).containsExactly("updateRows([[1,\"GLOBEX\",\"7.00\"]])");

        board.dataset().accept(List.of(quote("ACME", 1)));
        flush(flusher, 4);
        assertThat(calls(widget)).containsExactly("replaceRows([[\"ACME\",\"1.00\"]])");
    }

    @Test
    void aGridAttachedAgainGetsItsHeadersAndAllItsRowsAgain() throws Exception {
        var board = variable(InsertStrategy.REFRESH, null, 100);
        board.dataset().accept(List.of(quote("ACME", 1)));
        var widget = new GridWidget("Board", COLUMNS, RecordFilter.ALL, board, flushing.flushers(), UTC);
        show(widget);

        UI.getCurrent().remove(widget);
        UI.getCurrent().add(widget);
        flush(flushing.flushers().forUi(UI.getCurrent()), 1);

        assertThat(calls(widget)).containsExactly("setHeaders([\"Symbol\",\"Price\"])", "replaceRows([[\"ACME\",\"1.00\"]])");
        assertThat(widget.rowCount()).isEqualTo(1);
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

    @Test
    void aTableIsNamedByItsWidgetSetsItsNumberColumnsFlushRightAndFollowsItsEndOnlyWhenTheNewestRowsAreLast() {
        var last = new GridWidget("Ticks", COLUMNS, RecordFilter.ALL, variable(InsertStrategy.ADD_LAST, null),
                flushing.flushers(), UTC);
        var first = new GridWidget("Scores", COLUMNS, RecordFilter.ALL, variable(InsertStrategy.ADD_FIRST, null),
                flushing.flushers(), UTC);

        assertThat(last.table().getElement().getAttribute(RowTable.LABEL_ATTRIBUTE)).isEqualTo("Ticks");
        assertThat(last.table().getElement().getAttribute(RowTable.NUMERIC_ATTRIBUTE)).as("Price, the second").isEqualTo("1");
        assertThat(last.table().getElement().hasAttribute(RowTable.NEWEST_LAST_ATTRIBUTE)).isTrue();
        assertThat(first.table().getElement().getAttribute(RowTable.LABEL_ATTRIBUTE)).isEqualTo("Scores");
        assertThat(first.table().getElement().hasAttribute(RowTable.NEWEST_LAST_ATTRIBUTE)).as("keeps its top in view").isFalse();
    }

    @Test
    void anAddAsLastListIsToldToShowItsLastItemAfterEachChangeAndAnAddAsFirstOneIsNot() throws Exception {
        var fields = new WidgetConfig.ListFields(null, null, null, List.of(new WidgetConfig.ListField("/symbol", "", WidgetConfig.Format.TEXT, null, null)));
        var ticks = variable(InsertStrategy.ADD_LAST, null);
        var tail = new ListWidget("Tail", fields, RecordFilter.ALL, ticks, flushing.flushers(), UTC);
        ticks.dataset().accept(List.of(quote("A", 1), quote("B", 2)));
        UiFlusher flusher = show(tail, null);
        assertThat(scrolls(tail.list().getElement())).containsExactly(1);

        ticks.dataset().accept(List.of(quote("C", 3)));
        flush(flusher, 2);
        assertThat(scrolls(tail.list().getElement())).containsExactly(2);

        var scores = variable(InsertStrategy.ADD_FIRST, null);
        var top = new ListWidget("Top", fields, RecordFilter.ALL, scores, flushing.flushers(), UTC);
        scores.dataset().accept(List.of(quote("A", 1), quote("B", 2)));
        show(top, null);
        assertThat(scrolls(top.list().getElement())).isEmpty();
    }

    /** The rows that the calls since the last look asked {@code list} to scroll to (if the viewer is at its end). */
    private List<Object> scrolls(com.vaadin.flow.dom.Element list) {
        MockVaadin.clientRoundtrip();
        List<PendingJavaScriptInvocation> since = List.copyOf(sent);
        sent.clear();
        return since.stream().map(PendingJavaScriptInvocation::getInvocation)
                // executeJs passes the element last, as what the script's "this" is bound to.
                .filter(call -> call.getExpression().contains("scrollToIndex")
                        && call.getParameters().get(call.getParameters().size() - 1) == list)
                .map(call -> (Object) ((Number) call.getParameters().get(0)).intValue()).toList();
    }

    private LiveVariable variable(InsertStrategy strategy, String upsertKey) {
        return variable(strategy, upsertKey, 100);
    }

    private LiveVariable variable(InsertStrategy strategy, String upsertKey, int limit) {
        // Never opened: the test feeds its dataset.
        var spec = new LiveVariableSpec("quotes", URI.create("ws://127.0.0.1:1/"), null, null, "", strategy, limit,
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

    /** Attaches a grid and flushes its snapshot; forgets the calls that sent it. */
    private void show(GridWidget widget) throws InterruptedException {
        UI.getCurrent().add(widget);
        flush(flushing.flushers().forUi(UI.getCurrent()), 1);
        calls(widget);
    }

    /** The calls to the grid's table since the last look, as "name(arguments as JSON)". */
    private List<String> calls(GridWidget widget) {
        MockVaadin.clientRoundtrip();
        List<String> calls = new ArrayList<>();
        List<PendingJavaScriptInvocation> since = List.copyOf(sent);
        sent.clear();
        for (PendingJavaScriptInvocation pending : since) {
            List<Object> parameters = pending.getInvocation().getParameters();
            if (!parameters.isEmpty() && parameters.get(0) == widget.table().getElement()) {
                String name = pending.getInvocation().getExpression().replaceFirst("^return \\$0\\.(\\w+)\\(.*$", "$1");
                calls.add(name + parameters.stream().skip(1).map(String::valueOf).collect(Collectors.joining(",", "(", ")")));
            }
        }
        return calls;
    }

    private static JsonNode quote(String symbol, double price) {
        return JsonNodeFactory.instance.objectNode().put("symbol", symbol).put("price", price);
    }
}
