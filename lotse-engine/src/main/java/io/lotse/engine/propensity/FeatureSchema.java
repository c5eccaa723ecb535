package io.lotse.engine.propensity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered names of a model's features: position {@code i} of every {@link FeatureVector} and every row of
 * {@link TrainingData} holds the feature {@code names().get(i)}.
 *
 * @param names distinct, non-blank feature names
 */
public record FeatureSchema(List<String> names) {

    public FeatureSchema {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a feature schema needs at least one feature");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isBlank()) {
                throw new IllegalArgumentException("feature " + i + " has a blank name");
            }
            Integer earlier = seen.put(name, i);
            if (earlier != null) {
                throw new IllegalArgumentException("feature '" + name + "' appears twice, at " + earlier + " and " + i);
            }
        }
    }

    public static FeatureSchema of(String... names) {
        return new FeatureSchema(List.of(names));
    }

    public int size() {
        return names.size();
    }

    public String name(int index) {
        return names.get(index);
    }

    /** The position of a feature; an unknown name is an error. */
    public int indexOf(String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no feature '" + name + "' in " + names);
        }
        return index;
    }

    /** This schema followed by more features. */
    public FeatureSchema plus(List<String> more) {
        List<String> all = new ArrayList<>(names);
        all.addAll(more);
        return new FeatureSchema(all);
    }

    /** The schema of the given features of this one, in the given order. */
    public FeatureSchema select(List<String> chosen) {
        chosen.forEach(this::indexOf);
        return new FeatureSchema(chosen);
    }
}
