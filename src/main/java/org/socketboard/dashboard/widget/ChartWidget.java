package org.socketboard.dashboard.widget;

import com.vaadin.flow.component.html.Span;
import org.socketboard.dashboard.chart.ApexChart;
import org.socketboard.dashboard.chart.ChartOptions;
import org.socketboard.dashboard.chart.ChartSeriesSpec;
import org.socketboard.dashboard.chart.ChartType;
import org.socketboard.dashboard.chart.PointMapper;
import org.socketboard.dashboard.chart.XAxisKind;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.push.UiFlushers;
import org.socketboard.variable.runtime.DatasetChange;
import org.socketboard.variable.runtime.LiveVariable;


/**
 * A live ApexCharts chart: the options once, then each change as new points and how many old ones to
 * drop (the chart's own {@link ApexChart#apply}). One series per chosen numeric field; pie, donut and
 * radial bar show the first series per record, labelled by the x field. Records whose time cannot be
 * charted get no point; a note above the chart says how many ("3 points without a readable time").
 */
public final class ChartWidget extends DashboardWidget {

    private final ApexChart chart;
    private final PointMapper mapper;
    private final Span withoutTime = new Span();

    ChartWidget(String title, WidgetConfig.Chart settings, LiveVariable variable, UiFlushers flushers) {
        super(WidgetType.CHART, title, variable, flushers);
        ChartSeriesSpec spec = seriesSpec(settings);
        mapper = new PointMapper(spec);
        chart = new ApexChart(ChartOptions.of(ChartType.valueOf(settings.kind().name()), spec)
                .xAxisTitle(settings.xAxisTitle())
                .yAxisTitle(settings.yAxisTitle())
                .unit(settings.unit())
                .toJson());
        chart.setHeight("100%");
        withoutTime.addClassName("sb-widget-note");
        withoutTime.setVisible(false);
        setContent(withoutTime, chart);
    }

    static ChartSeriesSpec seriesSpec(WidgetConfig.Chart settings) {
        XAxisKind xKind = switch (settings.x()) {
            case TIMESTAMP -> XAxisKind.DATETIME;
            case CATEGORY -> XAxisKind.CATEGORY;
            case INDEX -> XAxisKind.INDEX;
        };
        return new ChartSeriesSpec(xKind, settings.xField(), settings.series().stream()
                .map(series -> new ChartSeriesSpec.Series(seriesName(series), series.field()))
                .toList());
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

    /** The note under the title: how many records the chart leaves out for want of a time; hidden at 0. */
    public Span withoutTimeNote() {
        return withoutTime;
    }

    @Override
    protected void apply(DatasetChange change) {
        chart.apply(change, mapper);
        int count = chart.getRecordsWithoutTime();
        withoutTime.setVisible(count > 0);
        withoutTime.setText(count == 1 ? "1 point without a readable time" : count + " points without a readable time");
    }

    @Override
    protected boolean isEmpty() {
        return chart.getPointCount() == 0;
    }
}
