package org.socketboard.variable;

import org.socketboard.variable.runtime.LiveVariable;
import org.socketboard.live.Subscription;

import java.util.function.Consumer;

/**
 * A view's hold on the live instance of a variable, from {@link VariableRegistry#acquire} (a viewer:
 * keeps it open) or {@link VariableRegistry#watch} (looks only): the shared instance of an application
 * variable, or the owner's private one of a dashboard variable. Close it when the view detaches: a
 * dashboard instance is then closed and forgotten, a shared one closes after the idle grace when
 * nothing else keeps it open.
 */
public interface VariableLease extends AutoCloseable {

    /** The instance now; a saved change of the definition replaces it (see {@link #onReplaced}). */
    LiveVariable live();

    /**
     * Opens the instance by hand; from then on this lease holds a shared instance open like a viewer,
     * until it is closed.
     *
     * @return false when a listener vetoed
     * @throws IllegalStateException when the variable was deleted or changed scope since the lease was taken
     */
    boolean open();

    /**
     * Calls {@code listener} with the new instance when a saved definition replaces the running one
     * (on the saving thread: hand UI work to {@code UI.access}). Closing the lease removes it too.
     */
    Subscription onReplaced(Consumer<LiveVariable> listener);

    /** Releases this hold; closing twice is harmless. */
    @Override
    void close();
}
