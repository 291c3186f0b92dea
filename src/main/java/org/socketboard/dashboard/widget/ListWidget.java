package org.socketboard.dashboard.widget;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.virtuallist.VirtualList;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import org.socketboard.dashboard.chart.RecordFilter;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.push.UiFlushers;
import org.socketboard.variable.runtime.DatasetChange;
import org.socketboard.variable.runtime.LiveVariable;

import java.util.List;

/**
 * The records as a Vaadin VirtualList: a primary line, an optional secondary line and an optional
 * badge per record. Items are in dataset order, so the variable's strategy decides whether the newest
 * is first (Add as first record) or last.
 */
public final class ListWidget extends DashboardWidget {

    private final RecordMirror mirror;
    private final ListDataProvider<RecordRow> rows;
    private final VirtualList<RecordRow> list = new VirtualList<>();

    ListWidget(String title, WidgetConfig.ListFields fields, RecordFilter filter, LiveVariable variable,
               UiFlushers flushers) {
        super(WidgetType.LIST, title, variable, flushers);
        mirror = new RecordMirror(filter);
        rows = new ListDataProvider<>(mirror.rows());
        list.setRenderer(new ComponentRenderer<>(row -> item(row, fields)));
        list.setDataProvider(rows);
        list.setSizeFull();
        setContent(list);
    }

    static Div item(RecordRow row, WidgetConfig.ListFields fields) {
        var primary = new Span(FieldFormatter.text(row.at(fields.primary())));
        primary.addClassName("sb-list-primary");
        var text = new Div(primary);
        if (isSet(fields.secondary())) {
            var secondary = new Span(FieldFormatter.text(row.at(fields.secondary())));
            secondary.addClassName("sb-list-secondary");
            text.add(secondary);
        }
        var item = new Div(text);
        item.addClassName("sb-list-item");
        if (isSet(fields.badge())) {
            var badge = new Span(FieldFormatter.text(row.at(fields.badge())));
            badge.getElement().getThemeList().add("badge");
            item.add(badge);
        }
        return item;
    }

    private static boolean isSet(String path) {
        return path != null && !path.isBlank();
    }

    public VirtualList<RecordRow> list() {
        return list;
    }

    /** The items in display order. */
    public List<RecordRow> items() {
        return mirror.rows();
    }

    @Override
    protected void apply(DatasetChange change) {
        mirror.apply(change);
        rows.refreshAll();
    }

    @Override
    protected boolean isEmpty() {
        return mirror.isEmpty();
    }
}
