package io.lotse.bench;

import java.net.URI;
import java.nio.file.Path;
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
     * @throws IllegalArgumentException naming the first unknown, repeated, missing or invalid option
     */
    static SegmentOptions parse(Map<String, String> environment, String... args) {
        CommandLineOptions options = CommandLineOptions.parse(NAMES, args);
        String token = environment.get("LOTSE_ADMIN_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the environment variable LOTSE_ADMIN_TOKEN is required");
        }
        return new SegmentOptions(
                URI.create(options.required("--url").replaceAll("/+$", "")),
                options.required("--write-key"),
                token,
                Path.of(options.required("--data-dir")),
                options.integer("--profiles", 1_000_000, 1_000, Integer.MAX_VALUE),
                options.integer("--runs", 5, 1, Integer.MAX_VALUE),
                options.integer("--rate", 20_000, 100, Integer.MAX_VALUE),
                options.integer("--seconds", 30, 5, Integer.MAX_VALUE));
    }
}
