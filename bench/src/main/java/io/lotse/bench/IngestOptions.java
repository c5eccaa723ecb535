package io.lotse.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@link IngestBenchmark}.
 *
 * @param url          the running server, e.g. {@code http://localhost:8080}
 * @param writeKey     the server's write key
 * @param dataDir      the server's data directory, whose embedded PostgreSQL the COPY baseline writes to
 * @param events       events in the measured phase
 * @param connections  concurrent requests
 * @param batchSize    events per request and per COPY transaction
 * @param warmupEvents events sent before the measured phase, not measured
 */
record IngestOptions(URI url, String writeKey, Path dataDir, int events, int connections, int batchSize,
        int warmupEvents) {

    static final String USAGE = """
            usage: IngestBenchmark --url http://localhost:PORT --write-key KEY --data-dir DIR
                                   [--events N (600000)] [--connections C (4)] [--batch-size B (500)]
                                   [--warmup-events N (200000)]""";

    private static final Set<String> NAMES = Set.of("--url", "--write-key", "--data-dir", "--events",
            "--connections", "--batch-size", "--warmup-events");

    /**
     * Reads {@code --name value} or {@code --name=value} pairs.
     *
     * @throws IllegalArgumentException naming the first unknown, missing or invalid option
     */
    static IngestOptions parse(String... args) {
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
        return new IngestOptions(
                URI.create(required(values, "--url").replaceAll("/+$", "")),
                required(values, "--write-key"),
                Path.of(required(values, "--data-dir")),
                number(values, "--events", 600_000, 1),
                number(values, "--connections", 4, 1),
                number(values, "--batch-size", 500, 1),
                number(values, "--warmup-events", 200_000, 0));
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
