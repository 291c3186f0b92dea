package org.socketboard.dashboard;

/** The parts of a dashboard (and of a widget) that validation can find fault with, in form order. */
public enum DashboardField {
    NAME, SLUG, DESCRIPTION, SHARING,
    WIDGET_TITLE, WIDGET_VARIABLE, WIDGET_SIZE, WIDGET_FIELDS
}
