package org.socketboard.dashboard.chart;

import java.util.Collection;
import java.util.List;

/**
 * A line's colour from its series name, so that a value has one colour in every chart (a chart split
 * by symbol draws ACME in the same colour as the next chart does): {@link String#hashCode()}, which the
 * JLS specifies, picks one of ten colours; a colour already taken in the same chart moves the newcomer
 * on to the next free one, so lines in one chart never share a colour.
 */
final class SeriesColours {

    /** ApexCharts' first five colours, then five more of its palettes: distinct on light and dark. */
    static final List<String> PALETTE = List.of("#008FFB", "#00E396", "#FEB019", "#FF4560", "#775DD0",
            "#3F51B5", "#26A69A", "#D4526E", "#A5978B", "#F86624");

    private SeriesColours() {
    }

    /**
     * @param name  the series' name (a split value such as "ACME", or a field's label)
     * @param taken the colours of the chart's other series
     * @return a colour of {@link #PALETTE} as {@code #rrggbb}
     */
    static String of(String name, Collection<String> taken) {
        int start = Math.floorMod(name.hashCode(), PALETTE.size());
        for (int step = 0; step < PALETTE.size(); step++) {
            String colour = PALETTE.get((start + step) % PALETTE.size());
            if (!taken.contains(colour)) {
                return colour;
            }
        }
        return PALETTE.get(start);
    }
}
