package org.socketboard.dashboard.domain;

import java.util.Locale;

/** What a widget shows its variable's records as. */
public enum WidgetType {
    CHART, GRID, LIST, VALUE;

    /** The value of the widget root's {@code data-widget-type} attribute: chart, grid, list, value. */
    public String attributeValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
