package io.lotse.bench;

import java.net.URI;
import java.nio.file.Path;
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
     * @throws IllegalArgumentException naming the first unknown, repeated, missing or invalid option
     */
    static IngestOptions parse(String... args) {
        CommandLineOptions options = CommandLineOptions.parse(NAMES, args);
        return new IngestOptions(
                URI.create(options.required("--url").replaceAll("/+$", "")),
                options.required("--write-key"),
                Path.of(options.required("--data-dir")),
                options.integer("--events", 600_000, 1, Integer.MAX_VALUE),
                options.integer("--connections", 4, 1, Integer.MAX_VALUE),
                options.integer("--batch-size", 500, 1, Integer.MAX_VALUE),
                options.integer("--warmup-events", 200_000, 0, Integer.MAX_VALUE));
    }
}
