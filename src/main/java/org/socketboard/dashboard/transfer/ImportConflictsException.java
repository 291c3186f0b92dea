package org.socketboard.dashboard.transfer;

import java.util.List;
import java.util.stream.Collectors;

/** The import did not start: these names are taken and nobody said what to do about them. */
public class ImportConflictsException extends RuntimeException {

    private final transient List<ImportConflict> conflicts;

    public ImportConflictsException(List<ImportConflict> conflicts) {
        super("These names are taken on this server; choose skip, replace or rename for each: "
                + conflicts.stream().map(ImportConflict::toString).collect(Collectors.joining(", ")));
        this.conflicts = List.copyOf(conflicts);
    }

    public List<ImportConflict> conflicts() {
        return conflicts;
    }
}
