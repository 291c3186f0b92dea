package org.socketboard.dashboard.widget;

import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.live.DatasetChange;

/**
 * Stands in for a widget whose variable is not defined (renamed or deleted since): the same frame and
 * attributes, and the reason instead of data, so the rest of the dashboard still works.
 */
final class UnboundWidget extends DashboardWidget {

    UnboundWidget(WidgetType type, String title, String reason) {
        super(type, title, null, null);
        setEmptyText(reason);
        addClassName("sb-widget-unbound");
    }

    @Override
    protected void apply(DatasetChange change) {
        throw new IllegalStateException("an unbound widget has no dataset");
    }

    @Override
    protected boolean isEmpty() {
        return true;
    }
}
