package org.socketboard.variable.runtime;

/** Handed to the "before" events of a {@link VariableListener}: call {@link #veto} to stop what is about to happen. */
public final class Veto {

    private String reason;

    public void veto(String reason) {
        if (this.reason == null) {
            this.reason = reason == null || reason.isBlank() ? "vetoed by a listener" : reason;
        }
    }

    public boolean isVetoed() {
        return reason != null;
    }

    /** The first veto's reason, or null. */
    public String reason() {
        return reason;
    }
}
