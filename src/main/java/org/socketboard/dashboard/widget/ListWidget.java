package org.socketboard.dashboard.widget;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.virtuallist.VirtualList;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import org.socketboard.base.ui.NewestRowsInView;
import org.socketboard.base.ui.ViewerTime;
import org.socketboard.dashboard.chart.RecordFilter;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.push.UiFlushers;
import org.socketboard.live.DatasetChange;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.runtime.LiveVariable;

import java.util.List;

/**
 * The records as a Vaadin VirtualList, each item showing the widget's template: the chosen fields in
 * order with their labels, the first as the headline (numbers with their decimals and unit, times in
 * the viewer's zone). A definition from before templates shows its primary, secondary and badge
 * fields the same way. Items are in dataset order, so the variable's strategy decides whether the newest
 * is first (Add as first record) or last.
 */
public final class ListWidget extends DashboardWidget {

    private final RecordMirror mirror;
    private final ListDataProvider<RecordRow> rows;
    private final VirtualList<RecordRow> list = new VirtualList<>();
    /** Add as last record: the list follows its end as items come (unless the viewer scrolled up). */
    private final boolean newestLast;

    ListWidget(String title, WidgetConfig.ListFields fields, RecordFilter filter, LiveVariable variable,
               UiFlushers flushers, ViewerTime viewer) {
        super(WidgetType.LIST, title, variable, flushers);
        mirror = new RecordMirror(filter);
        rows = new ListDataProvider<>(mirror.rows());
        var formatter = new FieldFormatter(viewer);
        List<WidgetConfig.ListField> template = fields.shown();
        list.setRenderer(new ComponentRenderer<>(row -> item(row, template, formatter)));
        list.setDataProvider(rows);
        list.setSizeFull();
        newestLast = variable.spec().strategy() == InsertStrategy.ADD_LAST;
        if (newestLast) {
            NewestRowsInView.watch(list);
        }
        setContent(list);
        viewer.onZoneKnown(rows::refreshAll);
    }

    /** The first field as the headline, the others after it in order, each with its label. */
    static Div item(RecordRow row, List<WidgetConfig.ListField> template, FieldFormatter formatter) {
        var item = new Div();
        item.addClassName("sb-list-item");
        var others = new Div();
        others.addClassName("sb-list-fields");
        for (int i = 0; i < template.size(); i++) {
            WidgetConfig.ListField field = template.get(i);
            String value = formatter.format(row.at(field.path()), field.format(), field.decimals(), field.unit());
            if (i == 0) {
                item.add(labelled(field.label(), value, "sb-list-primary"));
            } else {
                others.add(labelled(field.label(), value, "sb-list-field"));
            }
        }
        if (others.getComponentCount() > 0) {
            item.add(others);
        }
        return item;
    }

    /** "Score 2" as two spans; without a label the value alone. Text only: feed data is never markup. */
    private static Span labelled(String label, String value, String className) {
        var shown = new Span();
        shown.addClassName(className);
        if (label != null && !label.isBlank()) {
            var caption = new Span(label);
            caption.addClassName("sb-list-label");
            shown.add(caption);
        }
        var text = new Span(value);
        text.addClassName("sb-list-value");
        shown.add(text);
        return shown;
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
        mirror.apply(change).showIn(rows, mirror.rows());
        if (newestLast) {
            NewestRowsInView.showLast(list, mirror.size());
        }
    }

    @Override
    protected boolean isEmpty() {
        return mirror.isEmpty();
    }
}
