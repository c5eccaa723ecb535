package io.lotse.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads single metrics out of the Prometheus text exposition format ({@code GET /actuator/prometheus}).
 *
 * <p>Only samples whose name matches exactly are read; comments, other metrics and trailing timestamps or
 * exemplars are ignored. Samples of the same metric with different labels (other than {@code le}) are added up.
 */
final class PrometheusText {

    private PrometheusText() {}

    /**
     * The cumulative buckets of histogram {@code name} (e.g. {@code lotse_profile_lag_seconds}), read from its
     * {@code name_bucket} samples; empty when the exposition has none.
     */
    static Histogram histogram(String exposition, String name) {
        String bucketName = name + "_bucket";
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            Sample sample = Sample.parse(line, bucketName);
            if (sample != null) {
                String le = sample.labels().get("le");
                if (le == null) {
                    throw new IllegalArgumentException("histogram bucket without an le label: " + line);
                }
                buckets.merge(number(le), sample.value(), Double::sum);
            }
        }
        return new Histogram(buckets);
    }

    /** The sum of all samples named exactly {@code name}; empty when there is none. */
    static OptionalDouble value(String exposition, String name) {
        double sum = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            Sample sample = Sample.parse(line, name);
            if (sample != null) {
                sum += sample.value();
                found = true;
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    /** A Prometheus number: a decimal or scientific float, or {@code +Inf}, {@code -Inf}, {@code NaN}. */
    static double number(String text) {
        return switch (text.trim()) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text.trim());
        };
    }

    /** One sample line: {@code name{label="value",...} 12.0 [timestamp]}. */
    private record Sample(Map<String, String> labels, double value) {

        /** The sample on this line if it is one of metric {@code name}, else {@code null}. */
        static @Nullable Sample parse(String rawLine, String name) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#") || !line.startsWith(name)) {
                return null;
            }
            int position = name.length();
            if (position == line.length()) {
                throw new IllegalArgumentException("sample without a value: " + line);
            }
            char next = line.charAt(position);
            Map<String, String> labels = new HashMap<>();
            if (next == '{') {
                position = parseLabels(line, position + 1, labels);
            } else if (next != ' ' && next != '\t') {
                return null;
            }
            String rest = line.substring(position).strip();
            int end = 0;
            while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
                end++;
            }
            if (end == 0) {
                throw new IllegalArgumentException("sample without a value: " + line);
            }
            return new Sample(labels, number(rest.substring(0, end)));
        }

        /** Reads {@code a="x",b="y"}} starting after the brace; returns the index after the closing brace. */
        private static int parseLabels(String line, int start, Map<String, String> labels) {
            int i = start;
            while (true) {
                while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
                    i++;
                }
                if (i >= line.length()) {
                    throw new IllegalArgumentException("unterminated label set: " + line);
                }
                if (line.charAt(i) == '}') {
                    return i + 1;
                }
                int equals = line.indexOf('=', i);
                if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                    throw new IllegalArgumentException("malformed label: " + line);
                }
                String labelName = line.substring(i, equals).strip();
                StringBuilder value = new StringBuilder();
                i = equals + 2;
                while (true) {
                    if (i >= line.length()) {
                        throw new IllegalArgumentException("unterminated label value: " + line);
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\' && i < line.length()) {
                        char escaped = line.charAt(i++);
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(labelName, value.toString());
            }
        }
    }
}
