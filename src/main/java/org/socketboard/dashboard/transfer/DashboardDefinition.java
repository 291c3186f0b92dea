package org.socketboard.dashboard.transfer;

import org.socketboard.base.Names;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.variable.VariableDefinition;
import org.socketboard.variable.domain.Variable;

import java.util.List;

/**
 * A dashboard as code: the stable JSON shape of the REST API and of bundles. Widgets are in display
 * order and name their variable; a name means the dashboard's own variable ({@code variables} here)
 * if it has one, else the application variable of that name.
 *
 * <pre>{@code
 * {"name": "Live prices", "slug": "live-prices", "description": null, "sharedWithRoles": [],
 *  "sharedWithUsers": [], "variables": [],
 *  "widgets": [{"type": "VALUE", "title": "ACME", "variable": "prices", "width": 1, "height": 1, "x": 0, "y": 0,
 *               "config": {"value": {"field": "/price", "showChange": true, "sparkline": false},
 *                          "filter": {"field": "/symbol", "value": "ACME"}}}]}
 * }</pre>
 */
public record DashboardDefinition(@NotBlank String name, @NotBlank String slug, String description,
                                  List<String> sharedWithRoles, List<String> sharedWithUsers,
                                  @Valid List<VariableDefinition> variables, @Valid List<WidgetDefinition> widgets) {

    public DashboardDefinition {
        sharedWithRoles = sharedWithRoles == null ? List.of() : List.copyOf(sharedWithRoles);
        sharedWithUsers = sharedWithUsers == null ? List.of() : List.copyOf(sharedWithUsers);
        variables = variables == null ? List.of() : List.copyOf(variables);
        widgets = widgets == null ? List.of() : List.copyOf(widgets);
    }

    /**
     * One widget; {@code config} holds the part of its type ({@code chart}, {@code columns},
     * {@code list} or {@code value}), fields being JSON pointers into a record.
     *
     * @param width  in grid columns, 1 to {@value Widget#MAX_WIDTH}
     * @param height in grid rows, 1 to {@value Widget#MAX_HEIGHT}
     * @param x      the grid column of its left edge, from 0; absent (older bundles): placed in list order
     * @param y      the grid row of its top edge, from 0; absent as x
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WidgetDefinition(@NotNull WidgetType type, @NotBlank String title, @NotBlank String variable,
                                   int width, int height, WidgetConfig config, Integer x, Integer y) {

        public WidgetDefinition {
            config = config == null ? new WidgetConfig(null, null, null, null) : config;
        }

        static WidgetDefinition of(Widget widget) {
            return new WidgetDefinition(widget.getType(), widget.getTitle(), widget.getVariableName(),
                    widget.getWidth(), widget.getHeight(), widget.getConfig(), widget.getGridX(), widget.getGridY());
        }

        Widget toWidget(String variableName) {
            var widget = new Widget(type, title, variableName, width, height, config);
            if (x != null && y != null) {
                widget.placeAt(x, y);
            }
            return widget;
        }
    }

    /** The definition of a stored dashboard with its own variables. */
    public static DashboardDefinition of(Dashboard dashboard, List<Variable> ownVariables) {
        return new DashboardDefinition(dashboard.getName(), dashboard.getSlug(), dashboard.getDescription(),
                dashboard.getSharedWithRoles(), dashboard.getSharedWithUsers(),
                ownVariables.stream().map(VariableDefinition::of).toList(),
                dashboard.getWidgets().stream().map(WidgetDefinition::of).toList());
    }

    /** Writes the dashboard's own fields (not widgets, not variables) onto {@code target}. */
    void applyTo(Dashboard target, String targetSlug) {
        target.setName(name);
        target.setSlug(targetSlug);
        target.setDescription(description);
        target.setSharedWithRoles(sharedWithRoles);
        target.setSharedWithUsers(sharedWithUsers);
    }

    /** Whether one of the dashboard's own variables has this name (ignoring case, as lookups do). */
    boolean ownsVariable(String variableName) {
        String key = Names.key(variableName);
        return variables.stream().anyMatch(variable -> Names.key(variable.name()).equals(key));
    }
}
