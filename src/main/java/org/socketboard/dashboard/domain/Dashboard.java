package org.socketboard.dashboard.domain;

import org.socketboard.base.domain.AbstractEntity;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import org.socketboard.base.StringListConverter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * A dashboard: a name, a unique URL slug, a description, who may view it, and its widgets with their
 * places on a grid ({@link #arrange}). The widgets belong to it (saved and deleted with it); their list
 * order is their reading order on the grid.
 * The dashboard catalog validates the whole before storing it; setters do no checking of their own.
 */
@Entity
@Table(name = "dashboard")
public class Dashboard extends AbstractEntity {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_SLUG_LENGTH = 64;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;

    @Column(nullable = false, length = MAX_NAME_LENGTH)
    private String name;

    @Column(nullable = false, unique = true, length = MAX_SLUG_LENGTH)
    private String slug;

    @Column(length = MAX_DESCRIPTION_LENGTH)
    private String description;

    /** Roles whose members may view it (a JSON list); enforced by security. */
    @Convert(converter = StringListConverter.class)
    @Column(name = "shared_with_roles", nullable = false, length = 4000)
    private List<String> sharedWithRoles = List.of();

    /** User names who may view it (a JSON list); enforced by security. */
    @Convert(converter = StringListConverter.class)
    @Column(name = "shared_with_users", nullable = false, length = 4000)
    private List<String> sharedWithUsers = List.of();

    /** Order among dashboards in the list; lower first. */
    @Column(nullable = false)
    private int position;

    @OneToMany(mappedBy = "dashboard", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<Widget> widgets = new ArrayList<>();

    protected Dashboard() {
        // for JPA
    }

    public Dashboard(String name, String slug, String description) {
        this.name = name;
        this.slug = slug;
        this.description = description;
    }

    /** Appends a widget after the others. */
    public void addWidget(Widget widget) {
        widget.setDashboard(this);
        widgets.add(widget);
        renumber();
    }

    /** Removes a widget; the ones after it move up. Returns whether it was there. */
    public boolean removeWidget(Widget widget) {
        boolean removed = widgets.remove(widget);
        if (removed) {
            widget.setDashboard(null);
            renumber();
        }
        return removed;
    }

    /**
     * Places every widget on the grid ({@link GridLayout}: sizes clamped, no overlap, no holes above
     * widgets, unplaced ones at the first free place) and orders the list by place, top to bottom and
     * left to right: the order of the one-column layout on a phone and of the editor's list.
     */
    public void arrange() {
        GridLayout.apply(widgets);
        widgets.sort(Comparator.comparing(Widget::getGridY).thenComparing(Widget::getGridX));
        renumber();
    }

    private void renumber() {
        for (int i = 0; i < widgets.size(); i++) {
            widgets.get(i).setPosition(i);
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<String> getSharedWithRoles() {
        return sharedWithRoles;
    }

    public void setSharedWithRoles(List<String> sharedWithRoles) {
        this.sharedWithRoles = sharedWithRoles == null ? List.of() : List.copyOf(sharedWithRoles);
    }

    public List<String> getSharedWithUsers() {
        return sharedWithUsers;
    }

    public void setSharedWithUsers(List<String> sharedWithUsers) {
        this.sharedWithUsers = sharedWithUsers == null ? List.of() : List.copyOf(sharedWithUsers);
    }

    public int getPosition() {
        return position;
    }

    public void setPosition(int position) {
        this.position = position;
    }

    /** The widgets in reading order; change them through add, remove and {@link #arrange}. */
    public List<Widget> getWidgets() {
        return Collections.unmodifiableList(widgets);
    }
}
