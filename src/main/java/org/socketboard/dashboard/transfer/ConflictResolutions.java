package org.socketboard.dashboard.transfer;

import java.util.Map;
import java.util.Optional;

/**
 * The answers to an import's name clashes: one action per clash, else the fallback for all; with
 * neither, the clash is unresolved and the import refuses to start.
 *
 * @param fallback for clashes without an answer of their own; may be null
 */
public record ConflictResolutions(ConflictAction fallback, Map<ImportConflict, ConflictAction> each) {

    public ConflictResolutions {
        each = each == null ? Map.of() : Map.copyOf(each);
    }

    /** No answers: every clash is reported back. */
    public static ConflictResolutions none() {
        return new ConflictResolutions(null, Map.of());
    }

    public static ConflictResolutions all(ConflictAction action) {
        return new ConflictResolutions(action, Map.of());
    }

    public Optional<ConflictAction> actionFor(ImportConflict conflict) {
        return Optional.ofNullable(each.getOrDefault(conflict, fallback));
    }
}
