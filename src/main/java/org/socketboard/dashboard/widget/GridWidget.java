package org.socketboard.dashboard.widget;

import com.fasterxml.jackson.databind.JsonNode;
import org.socketboard.base.ui.ViewerTime;
import org.socketboard.dashboard.chart.RecordFilter;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.live.DatasetChange;
import org.socketboard.push.UiFlushers;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.runtime.LiveVariable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The records as a table ({@link RowTable}), one column per chosen field (nested fields by JSON
 * pointer), numbers (decimals, unit) and times (the viewer's zone and locale) formatted on the server.
 * Rows are in dataset order, so the variable's strategy puts the newest first or last. Only what changed
 * goes to the browser: the rows added and how many dropped, or the rows a Refresh or Upsert message
 * replaced in place.
 * <p>
 * The table shows a bounded window of the records: for Add as first/last record the newest
 * {@value #NEWEST_ROWS} (what a cell shows and a viewer scrolls through; the dataset may keep
 * thousands for charts and the API, and at 1,000 msg/s a push then carries at most that many rows),
 * for Refresh and Upsert the first {@value #SNAPSHOT_ROWS}.
 */
public final class GridWidget extends DashboardWidget {

    /** Rows shown of a dataset that grows at one end (Add as first/last record): the newest. */
    static final int NEWEST_ROWS = 50;
    /** Rows shown of a Refresh or Upsert dataset: the first. */
    static final int SNAPSHOT_ROWS = 1000;

    private final List<WidgetConfig.GridColumn> columns;
    private final FieldFormatter formatter;
    private final RecordMirror mirror;
    private final RowTable table = new RowTable();
    /** Add as last record: the window is at the end of the rows, else at the start. */
    private final boolean newestLast;
    private final int maxRows;

    GridWidget(String title, List<WidgetConfig.GridColumn> columns, RecordFilter filter, LiveVariable variable,
               UiFlushers flushers, ViewerTime viewer) {
        super(WidgetType.GRID, title, variable, flushers);
        this.columns = List.copyOf(columns);
        formatter = new FieldFormatter(viewer);
        mirror = new RecordMirror(filter);
        InsertStrategy strategy = variable.spec().strategy();
        newestLast = strategy == InsertStrategy.ADD_LAST;
        maxRows = strategy == InsertStrategy.ADD_LAST || strategy == InsertStrategy.ADD_FIRST ? NEWEST_ROWS : SNAPSHOT_ROWS;
        table.setHeaders(this.columns.stream()
                .map(column -> column.header() == null || column.header().isBlank() ? column.path() : column.header())
                .toList());
        table.setSizeFull();
        table.setLabel(title);
        table.setNewestLast(newestLast);
        table.setNumericColumns(IntStream.range(0, this.columns.size())
                .filter(position -> this.columns.get(position).format() == WidgetConfig.Format.NUMBER).boxed().toList());
        // Times are shown in the viewer's zone, which the browser tells a moment after the first render.
        viewer.onZoneKnown(() -> {
            if (table.getRowCount() > 0) {
                table.replaceRows(cells(windowStart(), shownCount()));
            }
        });
        setContent(table);
    }

    public RowTable table() {
        return table;
    }

    /** The column keys (JSON pointers), in order. */
    public List<String> columnKeys() {
        return columns.stream().map(WidgetConfig.GridColumn::path).toList();
    }

    /** The header of the column of {@code key}. */
    public String header(String key) {
        return table.getHeaders().get(columnKeys().indexOf(key));
    }

    /** How many rows the table shows. */
    public int rowCount() {
        return table.getRowCount();
    }

    /** The text of the cell at {@code row} (of those shown) in the column of {@code key}, as the browser shows it. */
    public String text(int row, String key) {
        return cells(new RecordRow(record(row))).get(columnKeys().indexOf(key));
    }

    /** The record behind {@code row} (of those shown). */
    public JsonNode record(int row) {
        if (row < 0 || row >= rowCount()) {
            throw new IndexOutOfBoundsException("no row " + row + " among " + rowCount());
        }
        return mirror.rows().get(windowStart() + row).record();
    }

    @Override
    protected void apply(DatasetChange change) {
        int before = table.getRowCount();
        // After a detach the browser's table is empty while the mirror is not: the snapshot that the
        // new subscription brings may look like no change to the mirror, so show it all.
        boolean inStep = before == shownCount();
        RecordMirror.Applied applied = mirror.apply(change);
        int after = shownCount();
        if (!inStep) {
            table.replaceRows(cells(windowStart(), after));
            return;
        }
        switch (applied.shape()) {
            case NOTHING -> { }
            case ALL -> table.replaceRows(cells(windowStart(), after));
            case IN_PLACE -> {
                Map<Integer, List<String>> replaced = new LinkedHashMap<>();
                for (int position : applied.replacedAt()) {
                    int row = position - windowStart();
                    if (row >= 0 && row < after) {
                        replaced.put(row, cells(mirror.rows().get(position)));
                    }
                }
                table.updateRows(replaced);
            }
            case ADDED_LAST -> {
                if (newestLast) {
                    int sent = Math.min(applied.added(), after);
                    table.appendRows(cells(mirror.size() - sent, sent), before + sent - after);
                } else {
                    // Rows dropped from the start move a window that starts there: show it again.
                    table.replaceRows(cells(0, after));
                }
            }
            case ADDED_FIRST -> {
                if (!newestLast) {
                    int sent = Math.min(applied.added(), after);
                    table.prependRows(cells(0, sent), before + sent - after);
                } else {
                    table.replaceRows(cells(windowStart(), after));
                }
            }
        }
    }

    /** How many rows the window holds now. */
    private int shownCount() {
        return Math.min(mirror.size(), maxRows);
    }

    /** The position in the mirror of the window's first row. */
    private int windowStart() {
        return newestLast ? mirror.size() - shownCount() : 0;
    }

    /** The cells of {@code count} rows from mirror position {@code from}. */
    private List<List<String>> cells(int from, int count) {
        List<List<String>> rows = new ArrayList<>(count);
        for (RecordRow row : mirror.rows().subList(from, from + count)) {
            rows.add(cells(row));
        }
        return rows;
    }

    private List<String> cells(RecordRow row) {
        List<String> cells = new ArrayList<>(columns.size());
        for (WidgetConfig.GridColumn column : columns) {
            cells.add(formatter.format(row.at(column.path()), column.format(), column.decimals(), column.unit()));
        }
        return cells;
    }

    @Override
    protected boolean isEmpty() {
        return mirror.isEmpty();
    }
}
