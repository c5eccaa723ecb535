package io.lotse.server.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of a Lotse installation; each is also an environment variable ({@code lotse.data-dir} is
 * {@code LOTSE_DATA_DIR}).
 *
 * @param dataDir     where the embedded database and other local state live
 * @param databaseUrl an external PostgreSQL ({@code postgresql://user:pass@host:5432/db} or a JDBC URL);
 *                    absent means the embedded database under {@code dataDir}
 * @param writeKey    the Segment write key; generated on first start when absent
 * @param adminToken  the bearer token of the admin API and UI; generated on first start when absent
 * @param identity    identity-resolution guards
 * @param ingest      event-collection tuning
 */
@ConfigurationProperties("lotse")
public record LotseProperties(
        @DefaultValue("./data") Path dataDir,
        @Nullable String databaseUrl,
        @Nullable String writeKey,
        @Nullable String adminToken,
        @DefaultValue Identity identity,
        @DefaultValue Ingest ingest) {

    /** Whether Lotse runs its own PostgreSQL under the data directory. */
    public boolean embeddedDatabase() {
        return databaseUrl == null || databaseUrl.isBlank();
    }

    /**
     * @param blocklist        extra junk values never used as identifiers, added to the built-in list
     * @param limits           maximum identifiers per profile by type name ({@code email}, {@code device_id}, ...)
     * @param phoneRegion      region for phone numbers without country code
     */
    public record Identity(
            @DefaultValue List<String> blocklist,
            @DefaultValue({}) Map<String, Integer> limits,
            @DefaultValue("DE") String phoneRegion) {}

    /**
     * @param maxEventsPerAppend how many events one database transaction of the event log holds at most
     * @param appendTimeout      how long a request waits for its events to be committed before failing
     * @param profileBatchSize   how many log entries the profile builder folds per transaction
     * @param recentEvents       how many of the newest appended events are kept in memory for the log's followers
     *                           in this process (about a second of a busy stream); older ones are read from the
     *                           database
     */
    public record Ingest(
            @DefaultValue("10000") int maxEventsPerAppend,
            @DefaultValue("30s") Duration appendTimeout,
            @DefaultValue("10000") int profileBatchSize,
            @DefaultValue("30000") int recentEvents) {}
}
