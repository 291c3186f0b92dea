package org.socketboard.dashboard.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The settings of a widget, stored as one JSON column; only the part of the widget's type is set.
 * Fields are JSON pointers into a record ({@code /price}, {@code /quote/bid}), as in the service's
 * inferred field metadata. Plain values throughout, so that a dashboard exports as JSON as it is.
 *
 * @param chart   for {@link WidgetType#CHART}
 * @param columns for {@link WidgetType#GRID}, in display order
 * @param list    for {@link WidgetType#LIST}
 * @param value   for {@link WidgetType#VALUE}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WidgetConfig(Chart chart, List<GridColumn> columns, ListFields list, Value value) {

    public WidgetConfig {
        columns = columns == null ? null : List.copyOf(columns);
    }

    public static WidgetConfig chart(Chart chart) {
        return new WidgetConfig(chart, null, null, null);
    }

    public static WidgetConfig grid(List<GridColumn> columns) {
        return new WidgetConfig(null, columns, null, null);
    }

    public static WidgetConfig list(ListFields list) {
        return new WidgetConfig(null, null, list, null);
    }

    public static WidgetConfig value(Value value) {
        return new WidgetConfig(null, null, null, value);
    }

    /** The ApexCharts chart kinds; pie, donut and radial bar suit Refresh snapshots. */
    public enum ChartKind { LINE, AREA, BAR, SCATTER, PIE, DONUT, RADIAL_BAR }

    /** Where a chart's x comes from. */
    public enum XSource {
        /** A timestamp field: epoch s/ms/µs/ns, ISO-8601 or RFC 2822 (org.socketboard.base.Timestamps). */
        TIMESTAMP,
        /** A text field, one category per record. */
        CATEGORY,
        /** The record's position in the dataset. */
        INDEX
    }

    /** How a grid cell shows its value. */
    public enum Format {
        /** As it comes. */
        TEXT,
        /** Two decimals. */
        NUMBER,
        /** An ISO-8601 timestamp or epoch number, shown as local time. */
        TIME
    }

    /** One series of a chart: a numeric field and its legend name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Series(String field, String name) {
    }

    /**
     * @param xField JSON pointer of the timestamp or category field; null for {@link XSource#INDEX}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Chart(ChartKind kind, XSource x, String xField, List<Series> series, String xAxisTitle,
                        String yAxisTitle, String unit) {
        public Chart {
            series = series == null ? List.of() : List.copyOf(series);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GridColumn(String path, String header, Format format) {
    }

    /** The fields of a list item; secondary and badge are optional. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListFields(String primary, String secondary, String badge) {
    }

    /**
     * @param showChange whether to show the change from the previous record's value
     * @param sparkline  whether to show a small line of the recent values
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Value(String field, String unit, boolean showChange, boolean sparkline) {
    }
}
