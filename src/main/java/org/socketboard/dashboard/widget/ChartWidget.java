package org.socketboard.dashboard.widget;

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

import java.time.Clock;

/**
 * A live ApexCharts chart: the options once, then each change as new points and how many old ones to
 * drop (the chart's own {@link ApexChart#apply}). One series per chosen numeric field; pie, donut and
 * radial bar show the first series per record, labelled by the x field.
 */
public final class ChartWidget extends DashboardWidget {

    private final ApexChart chart;
    private final PointMapper mapper;

    ChartWidget(String title, WidgetConfig.Chart settings, LiveVariable variable, UiFlushers flushers, Clock clock) {
        super(WidgetType.CHART, title, variable, flushers);
        ChartSeriesSpec spec = seriesSpec(settings);
        mapper = new PointMapper(spec, clock);
        chart = new ApexChart(ChartOptions.of(ChartType.valueOf(settings.kind().name()), spec)
                .xAxisTitle(settings.xAxisTitle())
                .yAxisTitle(settings.yAxisTitle())
                .unit(settings.unit())
                .toJson());
        chart.setHeight("100%");
        setContent(chart);
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

    @Override
    protected void apply(DatasetChange change) {
        chart.apply(change, mapper);
    }

    @Override
    protected boolean isEmpty() {
        return chart.getPointCount() == 0;
    }
}
