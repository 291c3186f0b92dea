package org.socketboard.dashboard.chart;

import java.util.List;
import java.util.Objects;

/**
 * Which fields of a dataset record a chart shows: where its x comes from and one field per series.
 * Fields are JSON pointers into the record ({@code /price}, {@code /quote/bid}).
 *
 * @param xKind  what the x values are
 * @param xField the JSON pointer of the timestamp or category field; ignored (may be null) for
 *               {@link XAxisKind#INDEX}
 * @param series  the series, in order
 * @param splitBy the JSON pointer of a field whose values split every series in one line per value
 *                (at most {@code maxSplits} values get one); null: no split
 * @param maxSplits how many values of {@code splitBy} get lines
 */
public record ChartSeriesSpec(XAxisKind xKind, String xField, List<Series> series, String splitBy, int maxSplits) {

    /** One series: its legend name and the JSON pointer of its numeric field. */
    public record Series(String name, String field) {
        public Series {
            Objects.requireNonNull(name, "name");
            requirePointer(field);
        }
    }

    public ChartSeriesSpec {
        Objects.requireNonNull(xKind, "xKind");
        if (xKind != XAxisKind.INDEX) {
            requirePointer(xField);
        }
        series = List.copyOf(series);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("a chart needs at least one series");
        }
        if (splitBy != null) {
            requirePointer(splitBy);
            if (maxSplits < 1) {
                throw new IllegalArgumentException("a split chart needs room for at least one value: " + maxSplits);
            }
        }
    }

    /** Without a split. */
    public ChartSeriesSpec(XAxisKind xKind, String xField, List<Series> series) {
        this(xKind, xField, series, null, 0);
    }

    /** The names of the series before any split: one per field. */
    public List<String> seriesNames() {
        return series.stream().map(Series::name).toList();
    }

    private static void requirePointer(String field) {
        if (field == null || !(field.isEmpty() || field.startsWith("/"))) {
            throw new IllegalArgumentException("not a JSON pointer: " + field);
        }
    }
}
