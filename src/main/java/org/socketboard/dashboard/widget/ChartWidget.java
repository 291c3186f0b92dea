package org.socketboard.dashboard.widget;

import com.vaadin.flow.component.html.Span;
import org.socketboard.dashboard.chart.ApexChart;
import org.socketboard.dashboard.chart.ChartOptions;
import org.socketboard.dashboard.chart.ChartSeriesSpec;
import org.socketboard.dashboard.chart.ChartType;
import org.socketboard.dashboard.chart.PointMapper;
import org.socketboard.dashboard.chart.RecordFilter;
import org.socketboard.dashboard.chart.XAxisKind;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.push.UiFlushers;
import org.socketboard.live.DatasetChange;
import org.socketboard.variable.runtime.LiveVariable;


/**
 * A live ApexCharts chart: the options once, then each change as new points and how many old ones to
 * drop ({@link ChartFeed}). One series per chosen numeric field, or with a split-by
 * field one per value and field (ACME, GLOBEX, … in the order met, at most
 * {@value WidgetConfig.Chart#MAX_SPLIT_SERIES} values; a note says how many more got none); pie, donut and
 * radial bar show the first series per record, labelled by the x field. A filter leaves records out. Records whose time cannot be
 * charted get no point; a note above the chart says how many ("3 points without a readable time").
 */
public final class ChartWidget extends DashboardWidget {

    /** The class of the note saying how many split-by values got no line. */
    public static final String LEFT_OUT_CLASS = "sb-chart-left-out";

    private final ApexChart chart;
    private final PointMapper mapper;
    private final ChartFeed feed;
    private final Span withoutTime = new Span();
    /** Says how many split-by values got no line (the chart has as many as it may). */
    private final Span leftOut = new Span();
    private final String splitName;

    ChartWidget(String title, WidgetConfig.Chart settings, RecordFilter filter, LiveVariable variable,
                UiFlushers flushers) {
        super(WidgetType.CHART, title, variable, flushers);
        ChartSeriesSpec spec = seriesSpec(settings);
        mapper = new PointMapper(spec, filter);
        splitName = settings.splitBy() == null ? null : settings.splitBy().substring(settings.splitBy().lastIndexOf('/') + 1);
        chart = new ApexChart(ChartOptions.of(ChartType.valueOf(settings.kind().name()), spec)
                .xAxisTitle(settings.xAxisTitle())
                .yAxisTitle(settings.yAxisTitle())
                .unit(settings.unit())
                .toJson());
        chart.setHeight("100%");
        feed = new ChartFeed(chart, mapper);
        withoutTime.addClassName("sb-widget-note");
        withoutTime.setVisible(false);
        leftOut.addClassNames("sb-widget-note", LEFT_OUT_CLASS);
        leftOut.setVisible(false);
        setContent(leftOut, withoutTime, chart);
    }

    static ChartSeriesSpec seriesSpec(WidgetConfig.Chart settings) {
        XAxisKind xKind = switch (settings.x()) {
            case TIMESTAMP -> XAxisKind.DATETIME;
            case CATEGORY -> XAxisKind.CATEGORY;
            case INDEX -> XAxisKind.INDEX;
        };
        return new ChartSeriesSpec(xKind, settings.xField(), settings.series().stream()
                .map(series -> new ChartSeriesSpec.Series(seriesName(series), series.field()))
                .toList(), settings.splitBy(), WidgetConfig.Chart.MAX_SPLIT_SERIES);
    }

    /** The legend name: as chosen, or the field's last path segment. */
    private static String seriesName(WidgetConfig.Series series) {
        if (series.name() != null && !series.name().isBlank()) {
            return series.name();
        }
        return series.field().substring(series.field().lastIndexOf('/') + 1);
    }

    public ApexChart chart() {
        return chart;
    }

    /** What maps the variable's changes to the chart's points. */
    public ChartFeed feed() {
        return feed;
    }

    /** The note under the title: how many records the chart leaves out for want of a time; hidden at 0. */
    public Span withoutTimeNote() {
        return withoutTime;
    }

    @Override
    protected void apply(DatasetChange change) {
        feed.apply(change);
        int count = feed.recordsWithoutTime();
        show(withoutTime, count, count == 1 ? "1 point without a readable time" : count + " points without a readable time");
        int values = mapper.valuesLeftOut();
        show(leftOut, values, values + (values == 1 ? " more " + splitName + " not drawn" : " more " + splitName + " values not drawn")
                + ": a chart draws at most " + WidgetConfig.Chart.MAX_SPLIT_SERIES + " lines");
    }

    /**
     * Shows {@code note} with {@code text} while {@code count} > 0. Touches it only when that changes:
     * setting the same text replaces its text node, work under the lock and bytes in every UI's push
     * (issue 15.3: 5 % of the flush threads' time at 500 UIs).
     */
    private static void show(Span note, int count, String text) {
        if (note.isVisible() != count > 0) {
            note.setVisible(count > 0);
        }
        if (count > 0 && !text.equals(note.getText())) {
            note.setText(text);
        }
    }

    /** The note saying how many split-by values got no line; hidden while all have one. */
    public Span leftOutNote() {
        return leftOut;
    }

    @Override
    protected boolean isEmpty() {
        return chart.getPointCount() == 0;
    }
}
