package org.socketboard.dashboard.widget;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.data.provider.ListDataProvider;
import org.socketboard.base.ui.ViewerTime;
import org.socketboard.dashboard.chart.FieldValues;
import org.socketboard.dashboard.chart.RecordFilter;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.push.UiFlushers;
import org.socketboard.live.DatasetChange;
import org.socketboard.variable.runtime.LiveVariable;

import java.util.Comparator;
import java.util.List;

/**
 * The records as a Vaadin Grid, one column per chosen field (nested fields by JSON pointer), numbers
 * (decimals, unit) and times (the viewer's zone and locale) formatted, every column sortable. The grid shows the widget's mirror of the dataset and is
 * refreshed in place, so the scroll position stays while rows arrive. Only what changed is sent: a
 * Refresh or Upsert message that replaces some records in place resends those rows alone; rows added
 * or dropped make Vaadin resend the range the browser asked for (its positions all shift), which is
 * why the grid asks for pages of {@value #PAGE_SIZE} rows, about what a dashboard cell shows, not 50.
 */
public final class GridWidget extends DashboardWidget {

    /** Rows per page the browser asks for: a tall dashboard cell shows about 15 compact rows. */
    static final int PAGE_SIZE = 20;

    private final RecordMirror mirror;
    private final ListDataProvider<RecordRow> rows;
    private final Grid<RecordRow> grid = new Grid<>();

    GridWidget(String title, List<WidgetConfig.GridColumn> columns, RecordFilter filter, LiveVariable variable,
               UiFlushers flushers, ViewerTime viewer) {
        super(WidgetType.GRID, title, variable, flushers);
        mirror = new RecordMirror(filter);
        rows = new ListDataProvider<>(mirror.rows());
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
        grid.setPageSize(PAGE_SIZE);
        var formatter = new FieldFormatter(viewer);
        for (WidgetConfig.GridColumn column : columns) {
            grid.addColumn(row -> formatter.format(row.at(column.path()), column.format(), column.decimals(), column.unit()))
                    .setKey(column.path())
                    .setHeader(column.header() == null || column.header().isBlank() ? column.path() : column.header())
                    .setComparator(sortOrder(column.path()))
                    .setSortable(true)
                    .setResizable(true);
        }
        grid.setItems(rows);
        // Times are shown in the viewer's zone, which the browser tells a moment after the first render.
        viewer.onZoneKnown(rows::refreshAll);
        setContent(grid);
    }

    /** Numbers by value, before anything else; the rest by text. */
    private static Comparator<RecordRow> sortOrder(String path) {
        Comparator<RecordRow> byNumber = Comparator.comparing(row -> FieldValues.number(row.at(path)),
                Comparator.nullsLast(Comparator.naturalOrder()));
        return byNumber.thenComparing(row -> FieldFormatter.text(row.at(path)));
    }

    public Grid<RecordRow> grid() {
        return grid;
    }

    @Override
    protected void apply(DatasetChange change) {
        RecordMirror.Applied applied = mirror.apply(change);
        if (!applied.isNothing() && !grid.getSortOrder().isEmpty()) {
            // A replaced value may move its row in the order the viewer chose.
            rows.refreshAll();
        } else {
            applied.showIn(rows);
        }
    }

    @Override
    protected boolean isEmpty() {
        return mirror.isEmpty();
    }
}
