package org.socketboard.dashboard;

import org.socketboard.base.InvalidDefinitionException;
import org.socketboard.base.Names;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.dashboard.domain.DashboardRepository;
import org.socketboard.dashboard.domain.GridLayout;
import org.socketboard.dashboard.domain.Widget;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Stored dashboards: lists them, finds one by slug (with its widgets, ready to show), stores a
 * dashboard once {@link DashboardValidator} passes it and its widgets as a whole (one message per bad
 * field), its widgets arranged on the grid ({@link Dashboard#arrange}); adds, edits, duplicates,
 * places and removes widgets one change at a time, each in its own transaction. Every method returns
 * the dashboard as stored, widgets loaded: callers keep using that instance.
 * <p>
 * Who sees what: admins and editors see every dashboard; anyone else only those shared with one of
 * their roles or with their user name ({@link #listVisible}, {@link #findVisible}). Changes are for
 * editors.
 */
@Service
@Transactional
public class DashboardCatalog {

    private final DashboardRepository dashboards;
    private final DashboardValidator validator;
    private final DashboardVariables variables;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Clock clock;

    public DashboardCatalog(DashboardRepository dashboards, DashboardValidator validator, DashboardVariables variables,
                            CurrentUser currentUser, AuditLog audit, Clock clock) {
        this.dashboards = dashboards;
        this.validator = validator;
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
        Map<DashboardField, String> errors = new EnumMap<>(validator.check(dashboard, dashboards::findBySlug));
        for (Widget widget : dashboard.getWidgets()) {
            validator.checkWidget(widget, variables.nameableIn(dashboard)).forEach(errors::putIfAbsent);
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

    private void requireValid(Dashboard dashboard, Widget widget) {
        Map<DashboardField, String> errors = validator.checkWidget(widget, variables.nameableIn(dashboard));
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
            throw new InvalidDefinitionException(Map.of(DashboardField.SLUG, DashboardValidator.slugTaken(dashboard.getSlug())));
        }
    }

    private static Widget widget(Dashboard dashboard, long widgetId) {
        return dashboard.getWidgets().stream()
                .filter(widget -> widget.getId() != null && widget.getId() == widgetId)
                .findFirst()
                .orElseThrow(() -> new InvalidDefinitionException(Map.of(DashboardField.WIDGET_TITLE,
                        "That widget is no longer on the dashboard")));
    }

}
