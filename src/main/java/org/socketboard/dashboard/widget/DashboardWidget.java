package org.socketboard.dashboard.widget;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.push.UiFlushers;
import org.socketboard.variable.runtime.DatasetChange;
import org.socketboard.variable.runtime.LiveVariable;
import org.socketboard.variable.runtime.Subscription;
import org.socketboard.variable.runtime.VariableState;

import java.util.Locale;

/**
 * What every widget shares: a header with its title and, while the variable is not OPEN, a badge with
 * its connection state ("reconnecting…"); an empty state until the first record; and the binding to
 * the variable's dataset. On attach it subscribes through the UI's push flusher (the first change is
 * a snapshot) and to the variable's state; on detach it closes both, so a closed tab costs nothing.
 * <p>
 * The root carries {@value #TYPE_ATTRIBUTE} and {@value #TITLE_ATTRIBUTE} for tests and styling.
 */
public abstract class DashboardWidget extends Div {

    public static final String TYPE_ATTRIBUTE = "data-widget-type";
    public static final String TITLE_ATTRIBUTE = "data-widget-title";
    /** The variable's state while it is not OPEN; absent when it is. */
    public static final String STATE_ATTRIBUTE = "data-state";

    /** Null for a widget whose variable cannot be found. */
    private final LiveVariable variable;
    private final UiFlushers flushers;
    private final Span stateBadge = new Span();
    private final Div emptyState = new Div();
    private final Div body = new Div();
    private Subscription dataSubscription;
    private Subscription stateSubscription;

    protected DashboardWidget(WidgetType type, String title, LiveVariable variable, UiFlushers flushers) {
        this.variable = variable;
        this.flushers = flushers;
        addClassName("sb-widget");
        getElement().setAttribute(TYPE_ATTRIBUTE, type.attributeValue());
        getElement().setAttribute(TITLE_ATTRIBUTE, title);
        stateBadge.getElement().getThemeList().add("badge small");
        stateBadge.addClassName("sb-widget-state");
        stateBadge.setVisible(false);
        var heading = new H3(title);
        heading.addClassName("sb-widget-title");
        var header = new Div(heading, stateBadge);
        header.addClassName("sb-widget-header");
        emptyState.addClassName("sb-widget-empty");
        emptyState.setText("Waiting for the first message…");
        body.addClassName("sb-widget-body");
        add(header, emptyState, body);
    }

    /** Puts the widget's content (chart, grid, list, card) into its body. */
    protected void setContent(Component... content) {
        body.removeAll();
        body.add(content);
    }

    /** Applies one change of the dataset; called under the session lock by the push flusher. */
    protected abstract void apply(DatasetChange change);

    /** Whether there is nothing to show yet. */
    protected abstract boolean isEmpty();

    protected LiveVariable variable() {
        return variable;
    }

    /** Shows {@code message} instead of the empty state, e.g. why there is nothing to show. */
    protected void setEmptyText(String message) {
        emptyState.setText(message);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        if (variable == null) {
            return;
        }
        UI ui = attachEvent.getUI();
        dataSubscription = flushers.forUi(ui).subscribe(variable.dataset(), this::applyAndShow);
        stateSubscription = variable.onStateChange(state -> showStateLater(ui, state));
        showState(variable.state());
        emptyState.setVisible(isEmpty());
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        close(dataSubscription);
        close(stateSubscription);
        dataSubscription = null;
        stateSubscription = null;
    }

    private void applyAndShow(DatasetChange change) {
        apply(change);
        emptyState.setVisible(isEmpty());
    }

    /** State changes are rare, so each goes to the UI at once rather than through the flusher. */
    private void showStateLater(UI ui, VariableState state) {
        try {
            ui.access(() -> showState(variable.state()));
        } catch (UIDetachedException gone) {
            // The tab closed; its detach removes this listener.
        }
    }

    private void showState(VariableState state) {
        boolean open = state == VariableState.OPEN;
        stateBadge.setVisible(!open);
        stateBadge.setText(describe(state));
        stateBadge.getElement().getThemeList().set("error", state == VariableState.FAILED);
        if (open) {
            getElement().removeAttribute(STATE_ATTRIBUTE);
        } else {
            getElement().setAttribute(STATE_ATTRIBUTE, state.name());
        }
    }

    static String describe(VariableState state) {
        return switch (state) {
            case CONNECTING, RECONNECTING -> state.name().toLowerCase(Locale.ROOT) + "…";
            case OPEN, CLOSED, FAILED -> state.name().toLowerCase(Locale.ROOT);
        };
    }

    private static void close(Subscription subscription) {
        if (subscription != null) {
            subscription.close();
        }
    }
}
