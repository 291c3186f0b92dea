package org.socketboard.dashboard.transfer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.socketboard.service.ServiceDefinition;
import org.socketboard.variable.VariableDefinition;

import java.util.List;

/**
 * One dashboard as a JSON document: the dashboard (with its own variables), the application variables
 * its widgets use and the services all those variables read from. Secret values are never in it.
 *
 * <pre>{@code
 * {"format": 1, "services": [ServiceDefinition…], "variables": [VariableDefinition…],
 *  "dashboard": DashboardDefinition}
 * }</pre>
 *
 * @param format the version of this shape; a server reads only the formats it knows
 */
public record DashboardBundle(int format, @Valid List<ServiceDefinition> services,
                              @Valid List<VariableDefinition> variables,
                              @NotNull @Valid DashboardDefinition dashboard) {

    /** The format this server writes and reads. */
    public static final int FORMAT = 1;

    public DashboardBundle {
        services = services == null ? List.of() : List.copyOf(services);
        variables = variables == null ? List.of() : List.copyOf(variables);
    }

    /** A bundle of just a dashboard whose variables and services are already on the server. */
    public static DashboardBundle of(DashboardDefinition dashboard) {
        return new DashboardBundle(FORMAT, List.of(), List.of(), dashboard);
    }
}
