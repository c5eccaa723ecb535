package io.lotse.server.predict;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One training run of the prediction models with its provenance.
 *
 * @param id          the run's id; scores carry it as their model id
 * @param kind        what was trained: {@value #CUSTOMER_SCORES} (lifetime value, RFM, churn and propensities)
 * @param status      {@code running}, {@code succeeded} or {@code failed}
 * @param trigger     who asked for it: {@code api}, {@code ui} or {@code schedule}
 * @param trainedAt   when the run started
 * @param finishedAt  when it ended, absent while it runs
 * @param windowStart the first instant of the data window, absent for the whole history
 * @param windowEnd   the end of the data window (exclusive); scores are as of it
 * @param seed        the seed of every random choice of the run
 * @param parameters  settings and fitted parameters of every model
 * @param metrics     fit and evaluation figures of every model, and timings
 * @param profiles    profiles scored, once it succeeded
 * @param failure     why it failed, absent otherwise
 */
record ModelRun(long id, String kind, String status, String trigger, Instant trainedAt, @Nullable Instant finishedAt,
                @Nullable Instant windowStart, Instant windowEnd, long seed, JsonNode parameters, JsonNode metrics,
                @Nullable Integer profiles, @Nullable Failure failure) {

    static final String CUSTOMER_SCORES = "customer_scores";
    static final String RUNNING = "running";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";

    /**
     * Why a run failed.
     *
     * @param type   {@code not-enough-data} when the data window holds too little to train, else {@code error}
     * @param detail the reason, for people
     */
    record Failure(String type, String detail) {}

    public boolean succeeded() {
        return SUCCEEDED.equals(status);
    }

    public boolean running() {
        return RUNNING.equals(status);
    }

    /** A number among the metrics by its dotted path, e.g. {@code bgnbd.loglik}; null when there is none. */
    public @Nullable Double metric(String path) {
        return number(metrics, path);
    }

    /** A number among the parameters by its dotted path, e.g. {@code bgnbd.r}; null when there is none. */
    public @Nullable Double parameter(String path) {
        return number(parameters, path);
    }

    /** How long the run took, in seconds; null while it runs. */
    public @Nullable Double durationSeconds() {
        return finishedAt == null ? null : (finishedAt.toEpochMilli() - trainedAt.toEpochMilli()) / 1000.0;
    }

    private static @Nullable Double number(JsonNode root, String path) {
        JsonNode node = root;
        for (String name : path.split("\\.")) {
            node = node.path(name);
        }
        return node.isNumber() ? node.asDouble() : null;
    }
}
