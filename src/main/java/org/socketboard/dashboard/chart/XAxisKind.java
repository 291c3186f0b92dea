package org.socketboard.dashboard.chart;

/** What a chart's x values are, and so which ApexCharts {@code xaxis.type} shows them. */
public enum XAxisKind {
    /**
     * Epoch milliseconds (1970 to 9999) read from a timestamp field in any form
     * {@link org.socketboard.base.Timestamps} reads; records without one get no point ({@link PointMapper}).
     */
    DATETIME("datetime"),
    /** The text of a field, one category per record. */
    CATEGORY("category"),
    /** The record's position in the dataset, stable while records are added and dropped. */
    INDEX("numeric");

    private final String apexType;

    XAxisKind(String apexType) {
        this.apexType = apexType;
    }

    public String apexType() {
        return apexType;
    }
}
