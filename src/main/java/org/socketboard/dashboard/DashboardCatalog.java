package org.socketboard.dashboard;

import org.socketboard.base.InvalidDefinitionException;
import org.socketboard.base.Names;
import com.fasterxml.jackson.core.JsonPointer;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.DashboardRepository;
import org.socketboard.dashboard.domain.GridLayout;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.security.AuditLog;
import org.socketboard.security.CurrentUser;
import org.socketboard.security.domain.AuditAction;
import org.socketboard.security.domain.AuditKind;
import org.socketboard.security.domain.Role;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Stored dashboards: lists them, finds one by slug (with its widgets, ready to show), validates a
 * dashboard and its widgets as a whole (one message per bad field) and stores it, its widgets arranged
 * on the grid ({@link Dashboard#arrange}); adds, edits, duplicates, places and removes widgets one
 * change at a time, each in its own transaction. Every method returns the
 * dashboard as stored, widgets loaded: callers keep using that instance.
 * <p>
 * Who sees what: admins and editors see every dashboard; anyone else only those shared with one of
 * their roles or with their user name ({@link #listVisible}, {@link #findVisible}). Changes are for
 * editors.
 */
@Service
@Transactional
public class DashboardCatalog {

    public static final Pattern SLUG = Pattern.compile("[a-z0-9-]+");
    private static final int MAX_USERNAME_LENGTH = 64;
    /** Slugs that would clash with the dashboard routes. */
    private static final List<String> RESERVED_SLUGS = List.of("new", "edit");

    private final DashboardRepository dashboards;
    private final DashboardVariables variables;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Clock clock;

    public DashboardCatalog(DashboardRepository dashboards, DashboardVariables variables, CurrentUser currentUser,
                            AuditLog audit, Clock clock) {
        this.dashboards = dashboards;
        this.variables = variables;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    /** The dashboards the signed-in user may see, in list order. */
    @Transactional(readOnly = true)
    public List<DashboardSummary> listVisible() {
        return dashboards.findAllWithWidgetCount().stream()
                .filter(row -> isVisible(row.getDashboard()))
                .map(row -> {
                    Dashboard dashboard = row.getDashboard();
                    return new DashboardSummary(dashboard.getName(), dashboard.getSlug(), dashboard.getDescription(),
                            row.getWidgetCount(), dashboard.getSharedWithRoles(), dashboard.getSharedWithUsers());
                })
                .toList();
    }

    @Transactional(readOnly = true)
    public boolean isEmpty() {
        return dashboards.count() == 0;
    }

    /** The dashboard with its widgets loaded, if the signed-in user may see it; else as if there were none. */
    @Transactional(readOnly = true)
    public Optional<Dashboard> findVisible(String slug) {
        return dashboards.findBySlug(slug).filter(this::isVisible);
    }

    /** The dashboard with its widgets loaded, whoever it is shared with: for editing. */
    @PreAuthorize("hasRole('EDITOR')")
    @Transactional(readOnly = true)
    public Optional<Dashboard> findBySlug(String slug) {
        return dashboards.findBySlug(slug);
    }

    /** Editors see everything; others what is shared with one of their roles or with them by name. */
    private boolean isVisible(Dashboard dashboard) {
        if (currentUser.hasRole(Role.EDITOR)) {
            return true;
        }
        var roles = currentUser.roles();
        boolean sharedWithARole = dashboard.getSharedWithRoles().stream()
                .anyMatch(shared -> roles.stream().anyMatch(role -> role.name().equalsIgnoreCase(shared)));
        return sharedWithARole || currentUser.username()
                .map(user -> dashboard.getSharedWithUsers().stream().anyMatch(user::equalsIgnoreCase))
                .orElse(false);
    }

    /**
     * Stores the dashboard and its widgets after checking them all; a new dashboard goes after the
     * others in the list.
     *
     * @throws InvalidDefinitionException with one message per bad field; nothing is stored then
     */
    @PreAuthorize("hasRole('EDITOR')")
    public Dashboard save(Dashboard dashboard) {
        Map<DashboardField, String> errors = validate(dashboard);
        for (Widget widget : dashboard.getWidgets()) {
            validateWidget(dashboard, widget).forEach(errors::putIfAbsent);
        }
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        dashboard.setName(dashboard.getName().trim());
        dashboard.setSlug(dashboard.getSlug().trim());
        dashboard.setSharedWithRoles(dashboard.getSharedWithRoles().stream()
                .map(role -> role.trim().toUpperCase(Locale.ROOT)).distinct().toList());
        dashboard.setSharedWithUsers(dashboard.getSharedWithUsers().stream()
                .map(Names::key).distinct().toList());
        boolean created = dashboard.isNew();
        if (created) {
            dashboard.setPosition(dashboards.maxPosition() + 1);
        }
        Dashboard saved = store(dashboard);
        audit.record(created ? AuditAction.CREATED : AuditAction.CHANGED, AuditKind.DASHBOARD, saved.getName(),
                "/dashboards/" + saved.getSlug() + ", " + saved.getWidgets().size() + " widget(s)");
        return saved;
    }

    /** Adds a widget after the others, once it checks out. */
    @PreAuthorize("hasRole('EDITOR')")
    public Dashboard addWidget(String slug, Widget widget) {
        return change(slug, "added widget " + widget.getTitle(), dashboard -> {
            requireValid(dashboard, widget);
            dashboard.addWidget(widget);
        });
    }

    /**
     * Replaces what a widget is (type, title, variable, size, settings) with {@code edited}'s, once it
     * checks out; its place on the grid stays.
     */
    @PreAuthorize("hasRole('EDITOR')")
    public Dashboard replaceWidget(String slug, long widgetId, Widget edited) {
        return change(slug, "changed widget " + edited.getTitle(), dashboard -> {
            Widget widget = widget(dashboard, widgetId);
            requireValid(dashboard, edited);
            widget.setType(edited.getType());
            widget.setTitle(edited.getTitle().trim());
            widget.setVariableName(edited.getVariableName().trim());
            widget.setWidth(edited.getWidth());
            widget.setHeight(edited.getHeight());
            widget.setConfig(edited.getConfig());
        });
    }

    /** Adds a copy of a widget, titled "… (copy)", at the first free place on the grid. */
    @PreAuthorize("hasRole('EDITOR')")
    public Dashboard duplicateWidget(String slug, long widgetId) {
        return change(slug, "duplicated a widget", dashboard -> {
            Widget original = widget(dashboard, widgetId);
            String suffix = " (copy)";
            String title = original.getTitle();
            if (title.length() + suffix.length() > Widget.MAX_TITLE_LENGTH) {
                title = title.substring(0, Widget.MAX_TITLE_LENGTH - suffix.length());
            }
            dashboard.addWidget(original.copy(title + suffix));
        });
    }

    /**
     * Stores a layout made by hand: each widget named by id gets that place and size; the grid then
     * settles as {@link GridLayout} says (sizes clamped, no overlap, no holes above widgets). Widgets
     * not named keep theirs.
     */
    @PreAuthorize("hasRole('EDITOR')")
    public Dashboard arrangeWidgets(String slug, Map<Long, GridLayout.Placement> places) {
        return change(slug, "arranged the widgets", dashboard -> places.forEach((widgetId, place) -> {
            Widget widget = widget(dashboard, widgetId);
            widget.setWidth(place.w());
            widget.setHeight(place.h());
            widget.placeAt(place.x(), place.y());
        }));
    }

    @PreAuthorize("hasRole('EDITOR')")
    public Dashboard removeWidget(String slug, long widgetId) {
        return change(slug, "removed a widget", dashboard -> dashboard.removeWidget(widget(dashboard, widgetId)));
    }

    /** Deletes the dashboard, its widgets and its own variables. */
    @PreAuthorize("hasRole('EDITOR')")
    public void delete(String slug) {
        dashboards.findBySlug(slug).ifPresent(dashboard -> {
            variables.deleteOwnedBy(dashboard);
            dashboards.delete(dashboard);
            audit.record(AuditAction.DELETED, AuditKind.DASHBOARD, dashboard.getName(), "/dashboards/" + slug);
        });
    }

    /** Checks a dashboard's own fields without storing it; empty when they are fine. */
    @Transactional(readOnly = true)
    public Map<DashboardField, String> validate(Dashboard dashboard) {
        Map<DashboardField, String> errors = new EnumMap<>(DashboardField.class);
        String name = trimmed(dashboard.getName());
        if (name.isEmpty()) {
            errors.put(DashboardField.NAME, "Give the dashboard a name");
        } else if (name.length() > Dashboard.MAX_NAME_LENGTH) {
            errors.put(DashboardField.NAME, "At most " + Dashboard.MAX_NAME_LENGTH + " characters");
        }
        slugError(dashboard).ifPresent(message -> errors.put(DashboardField.SLUG, message));
        if (dashboard.getDescription() != null && dashboard.getDescription().length() > Dashboard.MAX_DESCRIPTION_LENGTH) {
            errors.put(DashboardField.DESCRIPTION, "At most " + Dashboard.MAX_DESCRIPTION_LENGTH + " characters");
        }
        sharingError(dashboard).ifPresent(message -> errors.put(DashboardField.SHARING, message));
        return errors;
    }

    /**
     * Checks a widget of {@code dashboard} without storing it: a title, a variable the dashboard can
     * use, a size on the grid, the fields it shows, settings that fit their column.
     */
    @Transactional(readOnly = true)
    public Map<DashboardField, String> validateWidget(Dashboard dashboard, Widget widget) {
        Map<DashboardField, String> errors = new EnumMap<>(DashboardField.class);
        String title = trimmed(widget.getTitle());
        if (title.isEmpty()) {
            errors.put(DashboardField.WIDGET_TITLE, "Give the widget a title");
        } else if (title.length() > Widget.MAX_TITLE_LENGTH) {
            errors.put(DashboardField.WIDGET_TITLE, "At most " + Widget.MAX_TITLE_LENGTH + " characters");
        }
        String variable = trimmed(widget.getVariableName());
        if (variable.isEmpty()) {
            errors.put(DashboardField.WIDGET_VARIABLE, "Choose the variable the widget shows");
        } else if (variables.find(dashboard, variable).isEmpty()) {
            errors.put(DashboardField.WIDGET_VARIABLE, "There is no variable '" + variable + "' for this dashboard");
        }
        if (widget.getWidth() < 1 || widget.getWidth() > Widget.MAX_WIDTH
                || widget.getHeight() < 1 || widget.getHeight() > Widget.MAX_HEIGHT) {
            errors.put(DashboardField.WIDGET_SIZE, "Width 1 to " + Widget.MAX_WIDTH + " columns, height 1 to "
                    + Widget.MAX_HEIGHT + " rows");
        }
        fieldsError(widget).or(() -> configSizeError(widget))
                .ifPresent(message -> errors.put(DashboardField.WIDGET_FIELDS, message));
        return errors;
    }

    /** Settings longer than their column would fail in the database (a 500) instead of here. */
    private static Optional<String> configSizeError(Widget widget) {
        int length = widget.storedConfigLength();
        return length <= Widget.MAX_CONFIG_LENGTH ? Optional.empty()
                : Optional.of("The widget's settings are too large: " + length + " characters stored, at most "
                + Widget.MAX_CONFIG_LENGTH + " (64 kB); use fewer or shorter texts");
    }

    private void requireValid(Dashboard dashboard, Widget widget) {
        Map<DashboardField, String> errors = validateWidget(dashboard, widget);
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
    }

    private Dashboard change(String slug, String what, Consumer<Dashboard> change) {
        Dashboard dashboard = dashboards.findBySlug(slug)
                .orElseThrow(() -> new InvalidDefinitionException(Map.of(DashboardField.SLUG,
                        "There is no dashboard '" + slug + "' (any more)")));
        change.accept(dashboard);
        Dashboard changed = store(dashboard);
        audit.record(AuditAction.CHANGED, AuditKind.DASHBOARD, changed.getName(), what);
        return changed;
    }

    /**
     * A stale version (OptimisticLockingFailureException) goes on as it is: the API's 409 "Changed
     * meanwhile", the editor's notification to reload; it is no fault of a field.
     */
    private Dashboard store(Dashboard dashboard) {
        dashboard.touch(clock.instant());
        dashboard.arrange();
        try {
            Dashboard saved = dashboards.saveAndFlush(dashboard);
            saved.getWidgets().forEach(Widget::getId); // loaded for callers outside the transaction
            return saved;
        } catch (DataIntegrityViolationException raceOnTheSlug) {
            throw new InvalidDefinitionException(Map.of(DashboardField.SLUG, slugTaken(dashboard.getSlug())));
        }
    }

    private static Widget widget(Dashboard dashboard, long widgetId) {
        return dashboard.getWidgets().stream()
                .filter(widget -> widget.getId() != null && widget.getId() == widgetId)
                .findFirst()
                .orElseThrow(() -> new InvalidDefinitionException(Map.of(DashboardField.WIDGET_TITLE,
                        "That widget is no longer on the dashboard")));
    }

    private Optional<String> slugError(Dashboard dashboard) {
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
        boolean taken = dashboards.findBySlug(slug)
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

    private static String slugTaken(String slug) {
        return "Another dashboard already has the slug '" + slug + "'";
    }

    private static Optional<String> fieldsError(Widget widget) {
        WidgetConfig config = widget.getConfig();
        if (widget.getType() == null) {
            return Optional.of("Choose the widget type");
        }
        return typeFieldsError(widget.getType(), config).or(() -> filterError(config.filter()));
    }

    private static Optional<String> filterError(WidgetConfig.Filter filter) {
        if (filter == null || (isBlank(filter.field()) && isBlank(filter.value()))) {
            return Optional.empty();
        }
        if (isBlank(filter.value())) {
            return Optional.of("Give the value the filter keeps, e.g. ACME");
        }
        return pointerError(filter.field(), "the field to filter by");
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
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
