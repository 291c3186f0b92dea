/**
 * The ApexCharts Flow component ({@code <sb-apex-chart>}): options sent once, then only new points;
 * and the mapping of dataset records to chart points.
 */
package org.socketboard.dashboard.chart;
