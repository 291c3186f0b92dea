package org.socketboard.variable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Server-wide limits of variables: {@code socketboard.dataset.max-records} (default 10,000) is the
 * most records any dataset keeps, and what a data limit of 0 stands for.
 */
@ConfigurationProperties("socketboard.dataset")
public record VariableSettings(@DefaultValue("10000") int maxRecords) {

    public VariableSettings {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("socketboard.dataset.max-records must be at least 1, not " + maxRecords);
        }
    }

    /** The limit a dataset really gets: the variable's own, or the cap when it is 0. */
    public int effectiveLimit(int dataLimit) {
        return dataLimit == 0 ? maxRecords : Math.min(dataLimit, maxRecords);
    }
}
