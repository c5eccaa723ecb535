package io.lotse.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts of what a run produced.
 *
 * @param info   what the run was asked for
 * @param counts name to count, in a fixed order
 */
public record SimulationSummary(SimulationInfo info, Map<String, Long> counts) {

    public SimulationSummary {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** A count, 0 if absent. */
    public long count(String name) {
        return counts.getOrDefault(name, 0L);
    }
}
