package org.socketboard.dashboard;

import org.socketboard.security.domain.Role;

import java.util.List;
import java.util.stream.Stream;

/** A dashboard as the list shows it. */
public record DashboardSummary(String name, String slug, String description, int widgetCount,
                               List<String> sharedWithRoles, List<String> sharedWithUsers) {

    /**
     * "editors only" when shared with nobody (editors and admins see every dashboard), else the roles in
     * words and the users: "Viewers, vera".
     */
    public String sharedWith() {
        if (sharedWithRoles.isEmpty() && sharedWithUsers.isEmpty()) {
            return "editors only";
        }
        Stream<String> roles = sharedWithRoles.stream().map(role -> Role.named(role).map(Role::plural).orElse(role));
        return String.join(", ", Stream.concat(roles, sharedWithUsers.stream()).toList());
    }
}
