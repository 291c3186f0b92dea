package org.socketboard.dashboard;

import java.util.List;
import java.util.stream.Stream;

/** A dashboard as the list shows it. */
public record DashboardSummary(String name, String slug, String description, int widgetCount,
                               List<String> sharedWithRoles, List<String> sharedWithUsers) {

    /** "editors only" when shared with nobody (editors and admins see every dashboard), else the roles and users. */
    public String sharedWith() {
        if (sharedWithRoles.isEmpty() && sharedWithUsers.isEmpty()) {
            return "editors only";
        }
        return String.join(", ", Stream.concat(sharedWithRoles.stream(), sharedWithUsers.stream()).toList());
    }
}
