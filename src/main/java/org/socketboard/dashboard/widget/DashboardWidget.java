package org.socketboard.dashboard.widget;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.push.UiFlusher;
import org.socketboard.push.UiFlushers;
import org.socketboard.live.DatasetChange;
import org.socketboard.variable.runtime.LiveVariable;
import org.socketboard.variable.runtime.StateWords;
import org.socketboard.live.Subscription;
import org.socketboard.variable.runtime.VariableState;

/**
 * What every widget shares: a header with its title and its variable's state in words ("open",
 * "connecting…", "reconnecting in 4 s", "closed: <reason>", "failed: <reason>", see {@link StateWords}); an empty state
 * until the first record; and the binding to the variable's dataset. On attach it subscribes through
 * the UI's push flusher to the dataset (the first change is a snapshot) and watches the state (read at
 * each tick, so a countdown moves); on detach it closes both, so a closed tab costs nothing. When a
 * saved change replaces the variable's instance, {@link #rebind} moves both to the new one.
 * <p>
 * The root carries {@value #TYPE_ATTRIBUTE} and {@value #TITLE_ATTRIBUTE} for tests and styling, and
 * {@value #STATE_ATTRIBUTE} while the variable is not OPEN.
 */
public abstract class DashboardWidget extends Div {

    public static final String TYPE_ATTRIBUTE = "data-widget-type";
    public static final String TITLE_ATTRIBUTE = "data-widget-title";
    /** The variable's state while it is not OPEN; absent when it is. */
    public static final String STATE_ATTRIBUTE = "data-state";
    /** The class of the line that says the variable's state in words. */
    public static final String STATE_CLASS = "sb-widget-state";

    /** Null for a widget whose variable cannot be found; replaced by {@link #rebind}. */
    private LiveVariable variable;
    private final UiFlushers flushers;
    /** The variable's state in words ({@value #STATE_CLASS}). */
    private final Span stateText = new Span();
    private final Div emptyState = new Div();
    private final Div body = new Div();
    private final Div header;
    private Subscription dataSubscription;
    private Subscription stateWatch;

    protected DashboardWidget(WidgetType type, String title, LiveVariable variable, UiFlushers flushers) {
        this.variable = variable;
        this.flushers = flushers;
        addClassName("sb-widget");
        getElement().setAttribute(TYPE_ATTRIBUTE, type.attributeValue());
        getElement().setAttribute(TITLE_ATTRIBUTE, title);
        stateText.addClassName(STATE_CLASS);
        stateText.setVisible(false);
        var heading = new H3(title);
        heading.addClassName("sb-widget-title");
        // The title may be cut to one line; its whole text stays a tooltip (an attribute: text, not markup).
        heading.setTitle(title);
        header = new Div(heading, stateText);
        header.addClassName("sb-widget-header");
        emptyState.addClassName("sb-widget-empty");
        emptyState.setText("Waiting for the first message…");
        body.addClassName("sb-widget-body");
        add(header, emptyState, body);
    }

    /** Adds controls at the end of the header, e.g. the editor's widget menu. */
    public void addToHeader(Component... controls) {
        header.add(controls);
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

    /**
     * Follows a new instance of its variable (a saved change of the definition replaced the running
     * one): what the widget shows stays until the new instance's first change, a snapshot, replaces
     * it, so a chart never goes blank. Under the session lock.
     *
     * @return false when this widget cannot follow (it has no variable, or the strategy changed and
     *         with it how records are shown): build a new widget instead
     */
    public boolean rebind(LiveVariable next) {
        if (next == variable) {
            return true;
        }
        if (variable == null || next == null || variable.spec().strategy() != next.spec().strategy()) {
            return false;
        }
        unbind();
        variable = next;
        getUI().ifPresent(this::bind);
        return true;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        if (variable != null) {
            bind(attachEvent.getUI());
        }
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        unbind();
    }

    private void bind(UI ui) {
        LiveVariable bound = variable;
        UiFlusher flusher = flushers.forUi(ui);
        dataSubscription = flusher.subscribe(bound.dataset(), this::applyAndShow);
        stateWatch = flusher.watch(() -> StateWords.of(bound), this::showState);
        emptyState.setVisible(isEmpty());
    }

    private void unbind() {
        close(dataSubscription);
        close(stateWatch);
        dataSubscription = null;
        stateWatch = null;
    }

    private void applyAndShow(DatasetChange change) {
        apply(change);
        emptyState.setVisible(isEmpty());
    }

    private void showState(StateWords state) {
        stateText.setVisible(true);
        stateText.setText(state.words());
        // The line is cut to the header's width; the whole reason stays readable on hover.
        stateText.setTitle(state.words());
        stateText.setClassName("sb-widget-state-failed", state.state() == VariableState.FAILED);
        stateText.setClassName("sb-widget-state-open", state.state() == VariableState.OPEN);
        if (state.state() == VariableState.OPEN) {
            getElement().removeAttribute(STATE_ATTRIBUTE);
        } else {
            getElement().setAttribute(STATE_ATTRIBUTE, state.state().name());
        }
    }

    /** The variable's state as this widget says it now (for tests: what a person reads). */
    public String stateWords() {
        return stateText.getText();
    }

    private static void close(Subscription subscription) {
        if (subscription != null) {
            subscription.close();
        }
    }
}
