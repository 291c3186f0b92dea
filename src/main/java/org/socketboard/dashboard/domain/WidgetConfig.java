package org.socketboard.dashboard.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.stream.Stream;

/**
 * The settings of a widget, stored as one JSON column; only the part of the widget's type is set.
 * Fields are JSON pointers into a record ({@code /price}, {@code /quote/bid}), as in the service's
 * inferred field metadata. Plain values throughout, so that a dashboard exports as JSON as it is.
 *
 * @param chart   for {@link WidgetType#CHART}
 * @param columns for {@link WidgetType#GRID}, in display order
 * @param list    for {@link WidgetType#LIST}
 * @param value   for {@link WidgetType#VALUE}
 * @param filter  for any type: only the records whose field has this value count (null: all)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WidgetConfig(Chart chart, List<GridColumn> columns, ListFields list, Value value, Filter filter) {

    @JsonCreator
    public WidgetConfig {
        columns = columns == null ? null : List.copyOf(columns);
    }

    /** Settings without a filter. */
    public WidgetConfig(Chart chart, List<GridColumn> columns, ListFields list, Value value) {
        this(chart, columns, list, value, null);
    }

    /** These settings with {@code only} as the filter (null: none). */
    public WidgetConfig filtered(Filter only) {
        return new WidgetConfig(chart, columns, list, value, only);
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
        /** A number with the column's decimals (two unless chosen) and unit. */
        NUMBER,
        /** An ISO-8601 timestamp or epoch number, shown in the viewer's time zone and locale. */
        TIME
    }

    /** One series of a chart: a numeric field and its legend name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Series(String field, String name) {
    }

    /**
     * @param xField  JSON pointer of the timestamp or category field; null for {@link XSource#INDEX}
     * @param splitBy JSON pointer of a field whose values split each series in one line per value
     *                (e.g. one per ticker symbol, at most {@value #MAX_SPLIT_SERIES}); null: no split
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Chart(ChartKind kind, XSource x, String xField, List<Series> series, String xAxisTitle,
                        String yAxisTitle, String unit, String splitBy) {
        /** How many values of the split-by field a chart draws lines for; records of more values are left out. */
        public static final int MAX_SPLIT_SERIES = 10;

        @JsonCreator
        public Chart {
            series = series == null ? List.of() : List.copyOf(series);
            splitBy = splitBy == null || splitBy.isBlank() ? null : splitBy;
        }

        /** A chart without a split. */
        public Chart(ChartKind kind, XSource x, String xField, List<Series> series, String xAxisTitle,
                     String yAxisTitle, String unit) {
            this(kind, x, xField, series, xAxisTitle, yAxisTitle, unit, null);
        }
    }

    /**
     * Only records whose field (a JSON pointer) has this value, compared as text: {@code /symbol} =
     * {@code ACME} keeps ACME's ticks; a number field compares as written ({@code 3}, {@code 2.5}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Filter(String field, String value) {
    }

    /** The most decimals a number may be shown with. */
    public static final int MAX_DECIMALS = 10;

    /**
     * @param decimals digits after the decimal point for numbers (0–{@value #MAX_DECIMALS}); null: two
     * @param unit     written after a number, e.g. "USD", "°C"; null: none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GridColumn(String path, String header, Format format, Integer decimals, String unit) {
        public GridColumn(String path, String header, Format format) {
            this(path, header, format, null, null);
        }
    }

    /**
     * One field of a list item's template.
     *
     * @param path     JSON pointer into the record
     * @param label    shown before the value ("Score"); null or blank: the value alone
     * @param format   how the value is shown; null: as it comes
     * @param decimals for numbers, as in {@link GridColumn}
     * @param unit     after a number, as in {@link GridColumn}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListField(String path, String label, Format format, Integer decimals, String unit) {
    }

    /**
     * A list item. Since issue 13 a template: the {@code fields} to show, in order, the first as the
     * item's headline. Definitions from before keep loading: without {@code fields}, the item shows
     * {@code primary}, then the optional {@code secondary} and {@code badge} (see {@link #shown()}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListFields(String primary, String secondary, String badge, List<ListField> fields) {

        public ListFields {
            fields = fields == null ? null : List.copyOf(fields);
        }

        /** A definition from before templates: primary, secondary and badge. */
        public ListFields(String primary, String secondary, String badge) {
            this(primary, secondary, badge, null);
        }

        /** A template of the fields to show, in order. */
        public static ListFields template(List<ListField> fields) {
            return new ListFields(null, null, null, fields);
        }

        /** The fields an item shows, in order: the template, or primary, secondary and badge without labels. */
        public List<ListField> shown() {
            if (fields != null && !fields.isEmpty()) {
                return fields;
            }
            return Stream.of(primary, secondary, badge)
                    .filter(path -> path != null && !path.isBlank())
                    .map(path -> new ListField(path, null, null, null, null))
                    .toList();
        }
    }

    /**
     * @param showChange whether to show the change from the previous record's value
     * @param sparkline  whether to show a small line of the recent values
     * @param decimals   as in {@link GridColumn}; null: two
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Value(String field, String unit, boolean showChange, boolean sparkline, Integer decimals) {
        public Value(String field, String unit, boolean showChange, boolean sparkline) {
            this(field, unit, showChange, sparkline, null);
        }
    }
}
