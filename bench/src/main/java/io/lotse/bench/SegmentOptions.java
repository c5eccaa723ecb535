package io.lotse.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@link SegmentBenchmark}; the admin token comes from the environment variable
 * {@code LOTSE_ADMIN_TOKEN}, so that it does not show in the process list.
 *
 * @param url         the running server, e.g. {@code http://localhost:8080}
 * @param writeKey    the server's write key
 * @param adminToken  the server's admin token
 * @param dataDir     the server's data directory, whose embedded PostgreSQL the profiles are copied into
 * @param profiles    how many profiles to load
 * @param runs        how many full evaluations to time after the first
 * @param rate        tracking events per second during the incremental phase
 * @param seconds     how long the incremental phase lasts
 */
record SegmentOptions(URI url, String writeKey, String adminToken, Path dataDir, int profiles, int runs, int rate,
                      int seconds) {

    static final String USAGE = """
            usage: LOTSE_ADMIN_TOKEN=... SegmentBenchmark --url http://localhost:PORT --write-key KEY --data-dir DIR
                                   [--profiles N (1000000)] [--runs R (5)] [--rate EVENTS_PER_S (20000)]
                                   [--seconds S (30)]""";

    private static final Set<String> NAMES = Set.of("--url", "--write-key", "--data-dir", "--profiles", "--runs",
            "--rate", "--seconds");

    /**
     * Reads {@code --name value} or {@code --name=value} pairs.
     *
     * @throws IllegalArgumentException naming the first unknown, missing or invalid option
     */
    static SegmentOptions parse(Map<String, String> environment, String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else {
                name = arg;
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                value = args[++i];
            }
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            values.put(name, value);
        }
        String token = environment.get("LOTSE_ADMIN_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the environment variable LOTSE_ADMIN_TOKEN is required");
        }
        return new SegmentOptions(
                URI.create(required(values, "--url").replaceAll("/+$", "")),
                required(values, "--write-key"),
                token,
                Path.of(required(values, "--data-dir")),
                number(values, "--profiles", 1_000_000, 1_000),
                number(values, "--runs", 5, 1),
                number(values, "--rate", 20_000, 100),
                number(values, "--seconds", 30, 5));
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("option " + name + " is required");
        }
        return value;
    }

    private static int number(Map<String, String> values, String name, int defaultValue, int minimum) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        int number;
        try {
            number = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + name + " must be a whole number, was " + value, e);
        }
        if (number < minimum) {
            throw new IllegalArgumentException("option " + name + " must be at least " + minimum + ", was " + value);
        }
        return number;
    }
}
