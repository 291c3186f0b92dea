package org.socketboard.dashboard.chart;

/** The ApexCharts chart types a widget can show. */
public enum ChartType {
    LINE("line", true),
    AREA("area", true),
    BAR("bar", true),
    SCATTER("scatter", true),
    PIE("pie", false),
    DONUT("donut", false),
    RADIAL_BAR("radialBar", false);

    private final String apexName;
    private final boolean axes;

    ChartType(String apexName, boolean axes) {
        this.apexName = apexName;
        this.axes = axes;
    }

    /** The value of ApexCharts' {@code chart.type}. */
    public String apexName() {
        return apexName;
    }

    /**
     * Whether the chart has x and y axes and named series; pie, donut and radial bar instead show
     * one value per slice, labelled by the point's x.
     */
    public boolean hasAxes() {
        return axes;
    }

    /** The type whose {@link #apexName()} is {@code apexName}, or null when none is. */
    static ChartType fromApexName(String apexName) {
        for (ChartType type : values()) {
            if (type.apexName.equals(apexName)) {
                return type;
            }
        }
        return null;
    }
}
