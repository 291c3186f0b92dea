package org.socketboard.dashboard.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One x and one y per series (null where a series has no value at that x).
 *
 * @param x a number (epoch millis or index) or a text (category), as it goes to the browser
 * @param y the value of each series, in series order
 */
public record ChartPoint(JsonNode x, List<Double> y) {

    public ChartPoint {
        Objects.requireNonNull(x, "x");
        if (!x.isNumber() && !x.isTextual()) {
            throw new IllegalArgumentException("x must be a number or a text, not " + x.getNodeType());
        }
        // Arrays.asList rather than List.copyOf: a missing value is a null, which List.copyOf refuses.
        y = Collections.unmodifiableList(Arrays.asList(y.toArray(Double[]::new)));
    }

    /** A point at a numeric x: epoch milliseconds or an index. */
    public static ChartPoint at(long x, Double... y) {
        return new ChartPoint(JsonNodeFactory.instance.numberNode(x), Arrays.asList(y));
    }
}
