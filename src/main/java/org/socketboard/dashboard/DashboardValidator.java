package org.socketboard.dashboard;

import com.fasterxml.jackson.core.JsonPointer;
import org.socketboard.base.Checks;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.security.domain.Role;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The one check of a dashboard and of its widgets, whoever hands them in (the editor, the REST API, a
 * bundle import): one message per bad field, keyed by {@link DashboardField}. It stores nothing and
 * reads no repository: the caller says which stored dashboard has a slug and which variables a
 * widget may name.
 */
@Component
public class DashboardValidator {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]+");
    private static final int MAX_USERNAME_LENGTH = 64;
    /** Slugs that would clash with the dashboard routes. */
    private static final List<String> RESERVED_SLUGS = List.of("new", "edit");

    /**
     * Checks a dashboard's own fields (not its widgets); empty when they are fine.
     *
     * @param storedBySlug the stored dashboard with a slug, if any; asked only for a slug that is otherwise valid
     */
    public Map<DashboardField, String> check(Dashboard dashboard, Function<String, Optional<Dashboard>> storedBySlug) {
        Map<DashboardField, String> errors = new EnumMap<>(DashboardField.class);
        String name = trimmed(dashboard.getName());
        if (name.isEmpty()) {
            errors.put(DashboardField.NAME, "Give the dashboard a name");
        } else if (name.length() > Dashboard.MAX_NAME_LENGTH) {
            errors.put(DashboardField.NAME, "At most " + Dashboard.MAX_NAME_LENGTH + " characters");
        } else {
            Checks.directionControls("The name", name).ifPresent(message -> errors.put(DashboardField.NAME, message));
        }
        slugError(dashboard, storedBySlug).ifPresent(message -> errors.put(DashboardField.SLUG, message));
        if (dashboard.getDescription() != null && dashboard.getDescription().length() > Dashboard.MAX_DESCRIPTION_LENGTH) {
            errors.put(DashboardField.DESCRIPTION, "At most " + Dashboard.MAX_DESCRIPTION_LENGTH + " characters");
        } else {
            Checks.directionControls("The description", dashboard.getDescription())
                    .ifPresent(message -> errors.put(DashboardField.DESCRIPTION, message));
        }
        sharingError(dashboard).ifPresent(message -> errors.put(DashboardField.SHARING, message));
        return errors;
    }

    /**
     * Checks a widget: a title, a variable the dashboard can use, a size on the grid, the fields it
     * shows; empty when it is fine.
     *
     * @param usableVariable whether the dashboard can use the variable of that (trimmed) name
     */
    public Map<DashboardField, String> checkWidget(Widget widget, Predicate<String> usableVariable) {
        Map<DashboardField, String> errors = new EnumMap<>(DashboardField.class);
        String title = trimmed(widget.getTitle());
        if (title.isEmpty()) {
            errors.put(DashboardField.WIDGET_TITLE, "Give the widget a title");
        } else if (title.length() > Widget.MAX_TITLE_LENGTH) {
            errors.put(DashboardField.WIDGET_TITLE, "At most " + Widget.MAX_TITLE_LENGTH + " characters");
        } else {
            Checks.directionControls("The title", title).ifPresent(message -> errors.put(DashboardField.WIDGET_TITLE, message));
        }
        String variable = trimmed(widget.getVariableName());
        if (variable.isEmpty()) {
            errors.put(DashboardField.WIDGET_VARIABLE, "Choose the variable the widget shows");
        } else if (!usableVariable.test(variable)) {
            errors.put(DashboardField.WIDGET_VARIABLE, "There is no variable '" + variable + "' for this dashboard");
        }
        if (widget.getWidth() < 1 || widget.getWidth() > Widget.MAX_WIDTH
                || widget.getHeight() < 1 || widget.getHeight() > Widget.MAX_HEIGHT) {
            errors.put(DashboardField.WIDGET_SIZE, "Width 1 to " + Widget.MAX_WIDTH + " columns, height 1 to "
                    + Widget.MAX_HEIGHT + " rows");
        }
        fieldsError(widget).or(() -> configSizeError(widget)).or(() -> labelsError(widget.getConfig()))
                .ifPresent(message -> errors.put(DashboardField.WIDGET_FIELDS, message));
        return errors;
    }

    /** The message for a slug another dashboard has. */
    public static String slugTaken(String slug) {
        return "Another dashboard already has the slug '" + slug + "'";
    }

    private static Optional<String> slugError(Dashboard dashboard, Function<String, Optional<Dashboard>> storedBySlug) {
        String slug = trimmed(dashboard.getSlug());
        if (slug.isEmpty()) {
            return Optional.of("Give the dashboard a slug: its address, e.g. live-prices");
        }
        if (slug.length() > Dashboard.MAX_SLUG_LENGTH) {
            return Optional.of("At most " + Dashboard.MAX_SLUG_LENGTH + " characters");
        }
        if (!SLUG.matcher(slug).matches()) {
            return Optional.of("Only lower-case letters, digits and '-'");
        }
        if (RESERVED_SLUGS.contains(slug)) {
            return Optional.of("'" + slug + "' is reserved; choose another slug");
        }
        boolean taken = storedBySlug.apply(slug)
                .filter(other -> !other.getId().equals(dashboard.getId()))
                .isPresent();
        return taken ? Optional.of(slugTaken(slug)) : Optional.empty();
    }

    private static Optional<String> sharingError(Dashboard dashboard) {
        Optional<String> unknownRole = dashboard.getSharedWithRoles().stream()
                .filter(role -> Arrays.stream(Role.values()).noneMatch(known -> known.name().equalsIgnoreCase(role.trim())))
                .findFirst();
        if (unknownRole.isPresent()) {
            return Optional.of("'" + unknownRole.get() + "' is not a role: share with ADMIN, EDITOR or VIEWER");
        }
        return dashboard.getSharedWithUsers().stream()
                .filter(user -> user.isBlank() || user.trim().length() > MAX_USERNAME_LENGTH || user.contains(","))
                .findFirst()
                .map(user -> "'" + user + "' is not a user name");
    }

    /** Settings longer than their column would fail in the database (a 500) instead of here. */
    private static Optional<String> configSizeError(Widget widget) {
        int length = widget.storedConfigLength();
        return length <= Widget.MAX_CONFIG_LENGTH ? Optional.empty()
                : Optional.of("The widget's settings are too large: " + length + " characters stored, at most "
                + Widget.MAX_CONFIG_LENGTH + " (64 kB); use fewer or shorter texts");
    }

    /** The texts an editor types for the widget to show: units, axis titles, series names, headers, labels. */
    private static Optional<String> labelsError(WidgetConfig config) {
        if (config == null) {
            return Optional.empty();
        }
        List<String> labels = new ArrayList<>();
        if (config.chart() != null) {
            WidgetConfig.Chart chart = config.chart();
            labels.addAll(Arrays.asList(chart.xAxisTitle(), chart.yAxisTitle(), chart.unit()));
            chart.series().forEach(series -> labels.add(series.name()));
        }
        if (config.columns() != null) {
            config.columns().forEach(column -> labels.addAll(Arrays.asList(column.header(), column.unit())));
        }
        if (config.list() != null) {
            config.list().shown().forEach(field -> labels.addAll(Arrays.asList(field.label(), field.unit())));
        }
        if (config.value() != null) {
            labels.add(config.value().unit());
        }
        return labels.stream().map(label -> Checks.directionControls("A unit, title, name or label", label))
                .flatMap(Optional::stream).findFirst();
    }

    private static Optional<String> fieldsError(Widget widget) {
        WidgetConfig config = widget.getConfig();
        if (widget.getType() == null) {
            return Optional.of("Choose the widget type");
        }
        return typeFieldsError(widget.getType(), config).or(() -> filterError(config.filter()));
    }

    private static Optional<String> filterError(WidgetConfig.Filter filter) {
        if (filter == null || (Checks.isBlank(filter.field()) && Checks.isBlank(filter.value()))) {
            return Optional.empty();
        }
        if (Checks.isBlank(filter.value())) {
            return Optional.of("Give the value the filter keeps, e.g. ACME");
        }
        return pointerError(filter.field(), "the field to filter by");
    }

    private static Optional<String> typeFieldsError(WidgetType type, WidgetConfig config) {
        return switch (type) {
            case CHART -> chartError(config.chart());
            case GRID -> config.columns() == null || config.columns().isEmpty()
                    ? Optional.of("Choose at least one column")
                    : config.columns().stream().map(column -> pointerError(column.path(), "a column")
                            .or(() -> decimalsError(column.decimals()))).flatMap(Optional::stream).findFirst();
            case LIST -> config.list() == null || config.list().shown().isEmpty()
                    ? Optional.of("Choose at least one field to show")
                    : config.list().shown().stream().map(field -> pointerError(field.path(), "a field")
                            .or(() -> decimalsError(field.decimals()))).flatMap(Optional::stream).findFirst();
            case VALUE -> config.value() == null
                    ? Optional.of("Choose the field to show")
                    : pointerError(config.value().field(), "the value field")
                    .or(() -> decimalsError(config.value().decimals()));
        };
    }

    private static Optional<String> decimalsError(Integer decimals) {
        return decimals == null || decimals >= 0 && decimals <= WidgetConfig.MAX_DECIMALS ? Optional.empty()
                : Optional.of("Decimals must be from 0 to " + WidgetConfig.MAX_DECIMALS + ", was " + decimals);
    }

    private static Optional<String> chartError(WidgetConfig.Chart chart) {
        if (chart == null || chart.kind() == null) {
            return Optional.of("Choose the chart kind");
        }
        if (chart.x() == null) {
            return Optional.of("Choose where x comes from: a timestamp, a category or the record index");
        }
        if (chart.x() != WidgetConfig.XSource.INDEX) {
            Optional<String> xError = pointerError(chart.xField(), "the x field");
            if (xError.isPresent()) {
                return xError;
            }
        }
        if (chart.series().isEmpty()) {
            return Optional.of("Choose at least one numeric field to plot");
        }
        if (chart.splitBy() != null) {
            if (chart.kind() == WidgetConfig.ChartKind.PIE || chart.kind() == WidgetConfig.ChartKind.DONUT
                    || chart.kind() == WidgetConfig.ChartKind.RADIAL_BAR) {
                return Optional.of("Split by draws one line per value: choose a line, area, bar or scatter chart");
            }
            Optional<String> splitError = pointerError(chart.splitBy(), "the field to split by");
            if (splitError.isPresent()) {
                return splitError;
            }
        }
        return chart.series().stream().map(series -> pointerError(series.field(), "a series")).flatMap(Optional::stream)
                .findFirst();
    }

    /** A field is a JSON pointer into the record, such as /price or /quote/bid. */
    private static Optional<String> pointerError(String path, String what) {
        if (path == null || path.isBlank()) {
            return Optional.of("Choose " + what);
        }
        if (!path.startsWith("/")) {
            return Optional.of("Choose " + what + " from the record's fields (a path such as /price), not '" + path + "'");
        }
        try {
            JsonPointer.compile(path);
            return Optional.empty();
        } catch (IllegalArgumentException notAPointer) {
            return Optional.of("'" + path + "' is not a field path: " + notAPointer.getMessage());
        }
    }

    private static String trimmed(String text) {
        return text == null ? "" : text.trim();
    }
}
