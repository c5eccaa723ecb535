package io.lotse.engine.attribution;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one model credits to each channel.
 *
 * @param model       the model's name, e.g. {@code last_touch}
 * @param conversions conversions credited per channel, in the order channels first appear in the journeys
 * @param value       conversion value credited per channel
 */
public record Attribution(String model, Map<String, Double> conversions, Map<String, Double> value) {

    public Attribution {
        conversions = Collections.unmodifiableMap(new LinkedHashMap<>(conversions));
        value = Collections.unmodifiableMap(new LinkedHashMap<>(value));
    }

    /** The share of all credited conversions that a channel gets. */
    public double share(String channel) {
        double total = conversions.values().stream().mapToDouble(Double::doubleValue).sum();
        return total == 0 ? 0 : conversions.getOrDefault(channel, 0.0) / total;
    }
}
