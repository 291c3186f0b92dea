package org.socketboard.dashboard.widget;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.socketboard.base.BidiControls;

/**
 * A table of text rows kept in the browser ({@code <sb-row-table>}, frontend/components/row-table.ts),
 * fed like the chart: the headers once per attach, then only the rows added and how many to drop at
 * the other end, or the rows replaced in place. Cells are already formatted text; the browser sets
 * them as text content, never as markup. Vaadin's Grid resends its whole requested page whenever rows
 * move, which is most of what a live grid cost per push (docs/design-notes.md, "UI updates").
 * <p>
 * The server keeps only the row count, as the attribute {@value #ROWS_ATTRIBUTE}. After a detach the
 * browser's element is gone with its rows: the count restarts at 0, and the owning widget's new
 * subscription brings a snapshot.
 * <p>
 * Its attributes: {@value #LABEL_ATTRIBUTE} (the table's accessible name), {@value #NUMERIC_ATTRIBUTE}
 * (positions of the columns of numbers, from 0, space-separated: flush right) and
 * {@value #NEWEST_LAST_ATTRIBUTE} (the newest rows are at the end: the browser keeps them in view as they
 * come, like a log tail, until the viewer scrolls up; without it the top is kept in view).
 */
@Tag("sb-row-table")
@JsModule("./components/row-table.ts")
public class RowTable extends Component implements HasSize {

    public static final String ROWS_ATTRIBUTE = "data-rows";
    public static final String LABEL_ATTRIBUTE = "label";
    public static final String NUMERIC_ATTRIBUTE = "numeric-columns";
    public static final String NEWEST_LAST_ATTRIBUTE = "newest-last";

    private List<String> headers = List.of();
    private int rowCount;

    public RowTable() {
        showRowCount();
    }

    public void setHeaders(List<String> headers) {
        // Headers may be field names, which come from the feed.
        this.headers = headers.stream().map(BidiControls::strip).toList();
        if (isAttached()) {
            sendHeaders();
        }
    }

    public List<String> getHeaders() {
        return headers;
    }

    /** The table's accessible name, e.g. the widget's title (screen readers say it on entering the table). */
    public void setLabel(String label) {
        getElement().setAttribute(LABEL_ATTRIBUTE, label);
    }

    /** The columns (by position from 0) that hold numbers: they and their headers are set flush right. */
    public void setNumericColumns(Collection<Integer> positions) {
        getElement().setAttribute(NUMERIC_ATTRIBUTE, positions.stream().sorted().map(String::valueOf)
                .collect(Collectors.joining(" ")));
    }

    /** Whether the newest rows come at the end (Add as last record): the browser then follows the end. */
    public void setNewestLast(boolean newestLast) {
        getElement().setAttribute(NEWEST_LAST_ATTRIBUTE, newestLast);
    }

    public int getRowCount() {
        return rowCount;
    }

    /** Drops {@code dropFromStart} rows from the start (first), then appends {@code rows} at the end. */
    public void appendRows(List<List<String>> rows, int dropFromStart) {
        int dropped = dropCount(dropFromStart);
        if (rows.isEmpty() && dropped == 0) {
            return;
        }
        rowCount += rows.size() - dropped;
        getElement().callJsFunction("appendRows", json(rows), dropped);
        showRowCount();
    }

    /** Drops {@code dropFromEnd} rows from the end (first), then inserts {@code rows} at the start, in their order. */
    public void prependRows(List<List<String>> rows, int dropFromEnd) {
        int dropped = dropCount(dropFromEnd);
        if (rows.isEmpty() && dropped == 0) {
            return;
        }
        rowCount += rows.size() - dropped;
        getElement().callJsFunction("prependRows", json(rows), dropped);
        showRowCount();
    }

    public void replaceRows(List<List<String>> rows) {
        rowCount = rows.size();
        getElement().callJsFunction("replaceRows", json(rows));
        showRowCount();
    }

    /** Replaces the cells of rows that stay where they are, by position: {@code [[position, cells...], ...]}. */
    public void updateRows(Map<Integer, List<String>> rowsAt) {
        if (rowsAt.isEmpty()) {
            return;
        }
        ArrayNode updates = JsonNodeFactory.instance.arrayNode(rowsAt.size());
        rowsAt.forEach((position, cells) -> {
            if (position < 0 || position >= rowCount) {
                throw new IllegalArgumentException("no row " + position + " among " + rowCount);
            }
            ArrayNode update = updates.addArray().add(position);
            cells.forEach(update::add);
        });
        getElement().callJsFunction("updateRows", updates);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        sendHeaders();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        rowCount = 0;
        showRowCount();
    }

    private void sendHeaders() {
        ArrayNode texts = JsonNodeFactory.instance.arrayNode(headers.size());
        headers.forEach(texts::add);
        getElement().callJsFunction("setHeaders", texts);
    }

    private int dropCount(int requested) {
        if (requested < 0) {
            throw new IllegalArgumentException("cannot drop a negative number of rows: " + requested);
        }
        return Math.min(requested, rowCount);
    }

    private void showRowCount() {
        getElement().setAttribute(ROWS_ATTRIBUTE, Integer.toString(rowCount));
    }

    private static ArrayNode json(List<List<String>> rows) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(rows.size());
        for (List<String> cells : rows) {
            ArrayNode row = array.addArray();
            cells.forEach(row::add);
        }
        return array;
    }
}
