package org.socketboard.dashboard.domain;

import org.socketboard.base.domain.NamedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * One widget of a dashboard, bound to one variable by name. The name is resolved when the dashboard
 * is shown: first among the dashboard's own variables, then among the application ones, so that a
 * dashboard exports without database ids. Width is in grid columns, height in grid rows; the place on
 * the grid ({@link #getGridX()} column from 0, {@link #getGridY()} row from 0) is null until the widget
 * has one ({@link GridLayout} gives it the first free place then).
 */
@Entity
@Table(name = "dashboard_widget")
public class Widget {

    /** The columns of a dashboard's grid: a widget is at most as wide. */
    public static final int MAX_WIDTH = 4;
    public static final int MAX_HEIGHT = 3;
    public static final int MAX_TITLE_LENGTH = 100;
    /** The most characters the settings take stored as JSON (the column's size, 64 kB). */
    public static final int MAX_CONFIG_LENGTH = 65_536;
    private static final WidgetConfigConverter CONFIG_JSON = new WidgetConfigConverter();

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "dashboard_id", nullable = false)
    private Dashboard dashboard;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private WidgetType type;

    @Column(nullable = false, length = MAX_TITLE_LENGTH)
    private String title;

    @Column(name = "variable_name", nullable = false, length = NamedEntity.MAX_NAME_LENGTH)
    private String variableName;

    @Column(nullable = false)
    private int width = 1;

    @Column(nullable = false)
    private int height = 1;

    @Column(nullable = false)
    private int position;

    @Column(name = "grid_x")
    private Integer gridX;

    @Column(name = "grid_y")
    private Integer gridY;

    @Convert(converter = WidgetConfigConverter.class)
    @Column(nullable = false, length = MAX_CONFIG_LENGTH)
    private WidgetConfig config = new WidgetConfig(null, null, null, null);

    protected Widget() {
        // for JPA
    }

    public Widget(WidgetType type, String title, String variableName, int width, int height, WidgetConfig config) {
        this.type = type;
        this.title = title;
        this.variableName = variableName;
        this.width = width;
        this.height = height;
        this.config = config;
    }

    /** A new widget like this one (type, title, variable, size, settings), not placed and not on a dashboard. */
    public Widget copy(String copyTitle) {
        return new Widget(type, copyTitle, variableName, width, height, config);
    }

    public Long getId() {
        return id;
    }

    public Dashboard getDashboard() {
        return dashboard;
    }

    void setDashboard(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    public WidgetType getType() {
        return type;
    }

    public void setType(WidgetType type) {
        this.type = type;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getVariableName() {
        return variableName;
    }

    public void setVariableName(String variableName) {
        this.variableName = variableName;
    }

    public int getWidth() {
        return width;
    }

    public void setWidth(int width) {
        this.width = width;
    }

    public int getHeight() {
        return height;
    }

    public void setHeight(int height) {
        this.height = height;
    }

    public int getPosition() {
        return position;
    }

    void setPosition(int position) {
        this.position = position;
    }

    /** The column of its left edge, from 0; null when not placed yet. */
    public Integer getGridX() {
        return gridX;
    }

    /** The row of its top edge, from 0; null when not placed yet. */
    public Integer getGridY() {
        return gridY;
    }

    /** Places it on the grid; null for both lets {@link GridLayout} find it a place. */
    public void placeAt(Integer x, Integer y) {
        this.gridX = x;
        this.gridY = y;
    }

    /** How many characters the settings take stored ({@link #MAX_CONFIG_LENGTH} at most can be). */
    public int storedConfigLength() {
        return CONFIG_JSON.convertToDatabaseColumn(config).length();
    }

    public WidgetConfig getConfig() {
        return config;
    }

    public void setConfig(WidgetConfig config) {
        this.config = config;
    }
}
