package org.socketboard.dashboard.widget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import org.socketboard.base.ui.ViewerTime;
import org.socketboard.dashboard.chart.ApexChart;
import org.socketboard.dashboard.chart.ChartPoint;
import org.socketboard.dashboard.chart.ChartOptions;
import org.socketboard.dashboard.chart.ChartSeriesSpec;
import org.socketboard.dashboard.chart.ChartType;
import org.socketboard.dashboard.chart.FieldValues;
import org.socketboard.dashboard.chart.PointMapper;
import org.socketboard.dashboard.chart.XAxisKind;
import org.socketboard.dashboard.chart.RecordFilter;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.push.UiFlushers;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.live.DatasetChange;
import org.socketboard.variable.runtime.LiveVariable;

import java.util.List;
import java.util.Locale;

/**
 * The latest value of one field, big, with its change from the previous value (green up, red down)
 * and optionally a small sparkline of the recent values (for Refresh and Upsert variables, whose dataset
 * holds no history, the last {@value #HISTORY} values the card showed). "Latest" follows the variable's strategy:
 * the first record for Add as first record, the last one otherwise. The previous value is the record
 * next to the latest one, or, when the dataset holds a single record, the value shown before. With a
 * filter (e.g. /symbol = ACME) only the records it keeps count, so the change compares like with like.
 */
public final class ValueCardWidget extends DashboardWidget {

    public static final String VALUE_ATTRIBUTE = "data-value";
    public static final String CHANGE_ATTRIBUTE = "data-change";

    /** Values a snapshot card's sparkline keeps: about a minute of a feed that refreshes every two seconds. */
    static final int HISTORY = 30;

    private final WidgetConfig.Value settings;
    private final FieldFormatter formatter;
    private final boolean newestFirst;
    /**
     * Refresh and Upsert keep no history in the dataset (a message replaces it): the card keeps a short
     * one of the values it showed, so that its sparkline is a line and not an empty box.
     */
    private final boolean ownHistory;
    private long historyPoints;
    private final RecordMirror mirror;
    private final Span value = new Span();
    private final Span change = new Span();
    private final ApexChart sparkline;
    /** Maps the dataset to the sparkline; null without one, or when it draws the card's own history. */
    private final ChartFeed sparklineFeed;
    private Double shown;

    ValueCardWidget(String title, WidgetConfig.Value settings, RecordFilter filter, LiveVariable variable,
                    UiFlushers flushers, ViewerTime viewer) {
        super(WidgetType.VALUE, title, variable, flushers);
        this.settings = settings;
        this.mirror = new RecordMirror(filter);
        this.formatter = new FieldFormatter(viewer);
        InsertStrategy strategy = variable == null ? null : variable.spec().strategy();
        this.newestFirst = strategy == InsertStrategy.ADD_FIRST;
        this.ownHistory = strategy == InsertStrategy.REFRESH || strategy == InsertStrategy.UPSERT;
        value.addClassName("sb-value");
        change.addClassName("sb-value-change");
        change.setVisible(false);
        var card = new Div(value, change);
        card.addClassName("sb-value-card");
        if (settings.sparkline()) {
            var spec = new ChartSeriesSpec(XAxisKind.INDEX, null,
                    List.of(new ChartSeriesSpec.Series(title, settings.field())));
            sparkline = new ApexChart(sparklineOptions(spec));
            sparkline.setHeight("48px");
            // A snapshot variable's sparkline draws the card's own history instead of the dataset.
            sparklineFeed = ownHistory ? null : new ChartFeed(sparkline, new PointMapper(spec, filter));
            card.add(sparkline);
        } else {
            sparklineFeed = null;
            sparkline = null;
        }
        setContent(card);
    }

    private static ObjectNode sparklineOptions(ChartSeriesSpec spec) {
        ObjectNode options = ChartOptions.of(ChartType.LINE, spec).toJson();
        ((ObjectNode) options.get("chart")).putObject("sparkline").put("enabled", true);
        options.putObject("tooltip").put("enabled", false);
        return options;
    }

    /** The sparkline, or null when the card has none. */
    public ApexChart sparkline() {
        return sparkline;
    }

    @Override
    protected void apply(DatasetChange datasetChange) {
        RecordMirror.Applied applied = mirror.apply(datasetChange);
        if (sparklineFeed != null) {
            sparklineFeed.apply(datasetChange);
        }
        // Records the filter left out change nothing the card shows; a snapshot card's own history
        // still takes every reading, repeated or not.
        if (mirror.isEmpty() || (applied.isNothing() && !ownHistory)) {
            return;
        }
        List<RecordRow> rows = mirror.rows();
        int latest = newestFirst ? 0 : rows.size() - 1;
        JsonNode field = rows.get(latest).at(settings.field());
        Double current = FieldValues.number(field);
        Double previous = rows.size() > 1
                ? FieldValues.number(rows.get(newestFirst ? 1 : latest - 1).at(settings.field()))
                : shown;
        value.setText(current != null ? FieldFormatter.withUnit(formatter.number(current, settings.decimals()), settings.unit())
                : FieldFormatter.text(field));
        getElement().setAttribute(VALUE_ATTRIBUTE, current != null ? current.toString() : FieldFormatter.text(field));
        showChange(current, previous);
        if (sparkline != null && ownHistory && current != null) {
            remember(current);
        }
        shown = current;
    }

    /** One more value in the card's own history, the oldest dropped beyond {@value #HISTORY}. */
    private void remember(double current) {
        int drop = sparkline.getPointCount() >= HISTORY ? 1 : 0;
        sparkline.appendPoints(List.of(ChartPoint.at(historyPoints++, current)), drop);
    }

    private void showChange(Double current, Double previous) {
        // 1e308 after -1e308 is no change a card can show: the difference overflows.
        if (!settings.showChange() || current == null || previous == null || !Double.isFinite(current - previous)) {
            change.setVisible(false);
            getElement().removeAttribute(CHANGE_ATTRIBUTE);
            return;
        }
        double delta = current - previous;
        String sign = delta > 0 ? "▲ +" : delta < 0 ? "▼ " : "";
        double ratio = delta / Math.abs(previous) * 100;
        String percent = previous != 0 && Double.isFinite(ratio) ? String.format(Locale.ROOT, " (%+.2f%%)", ratio) : "";
        change.setText(sign + FieldFormatter.number(delta) + percent);
        change.getElement().getThemeList().set("badge", true);
        change.getElement().getThemeList().set("success", delta > 0);
        change.getElement().getThemeList().set("error", delta < 0);
        change.setVisible(true);
        getElement().setAttribute(CHANGE_ATTRIBUTE, Double.toString(delta));
    }

    @Override
    protected boolean isEmpty() {
        return mirror.isEmpty();
    }
}
