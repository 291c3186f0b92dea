package org.socketboard.dashboard.widget;

import com.vaadin.flow.component.UI;
import org.socketboard.base.BidiControls;
import org.socketboard.base.ui.ViewerTime;
import org.socketboard.dashboard.chart.RecordFilter;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.push.UiFlushers;
import org.socketboard.variable.runtime.LiveVariable;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Locale;

/** Builds the component of a stored widget, bound to its resolved live variable, with its filter if any. */
@Component
public class WidgetFactory {

    private final UiFlushers flushers;
    private final Clock clock;

    public WidgetFactory(UiFlushers flushers, Clock clock) {
        this.flushers = flushers;
        this.clock = clock;
    }

    /** The current UI's viewer (time zone and locale from the browser); the server's zone without a UI. */
    private ViewerTime viewer() {
        UI ui = UI.getCurrent();
        return ui != null ? ViewerTime.of(ui, clock.getZone()) : ViewerTime.fixed(clock.getZone(), Locale.getDefault());
    }

    /**
     * The widget's component; when {@code variable} is null (not defined, or not startable) a frame
     * saying so, with {@code unavailableReason}.
     */
    public DashboardWidget create(Widget widget, LiveVariable variable, String unavailableReason) {
        // Stored before editors were refused bidi controls, or imported: a header must read as typed.
        String title = BidiControls.strip(widget.getTitle());
        if (variable == null) {
            return new UnboundWidget(widget.getType(), title, unavailableReason);
        }
        WidgetConfig config = widget.getConfig();
        RecordFilter filter = config.filter() == null ? RecordFilter.ALL
                : RecordFilter.of(config.filter().field(), config.filter().value());
        return switch (widget.getType()) {
            case CHART -> new ChartWidget(title, config.chart(), filter, variable, flushers);
            case GRID -> new GridWidget(title, config.columns(), filter, variable, flushers, viewer());
            case LIST -> new ListWidget(title, config.list(), filter, variable, flushers, viewer());
            case VALUE -> new ValueCardWidget(title, config.value(), filter, variable, flushers, viewer());
        };
    }
}
