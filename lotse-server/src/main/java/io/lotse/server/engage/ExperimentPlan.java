package io.lotse.server.engage;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * An experiment on a campaign's message: variants of the subject line or of the whole content, split evenly
 * (A/B/n) or by a Thompson-sampling bandit that shifts the traffic to the variant that earns the most clicks or
 * conversions.
 *
 * @param mode     how people are split
 * @param metric   what counts as success
 * @param variants the variants; the first is the control
 */
record ExperimentPlan(Mode mode, Metric metric, List<Variant> variants) {

    enum Mode {
        AB, BANDIT;

        @JsonValue
        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Mode parse(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    enum Metric {
        CLICK, CONVERSION;

        @JsonValue
        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Metric parse(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    /**
     * @param name       the variant's name, unique in the experiment
     * @param subject    a subject line replacing the template's, or null
     * @param templateId a template replacing the campaign's, or null
     */
    record Variant(String name, @Nullable String subject, @Nullable Long templateId) {

        Variant {
            if (name.isBlank() || name.length() > 60) {
                throw new IllegalArgumentException("a variant needs a name of 1 to 60 characters");
            }
        }
    }

    ExperimentPlan {
        variants = List.copyOf(variants);
        if (variants.size() < 2 || variants.size() > 8) {
            throw new IllegalArgumentException("an experiment needs 2 to 8 variants, had " + variants.size());
        }
        if (new HashSet<>(variants.stream().map(Variant::name).toList()).size() != variants.size()) {
            throw new IllegalArgumentException("variant names must be unique");
        }
    }

    String control() {
        return variants.get(0).name();
    }
}
