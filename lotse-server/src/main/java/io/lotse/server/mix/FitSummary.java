package io.lotse.server.mix;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A marketing-mix fit: what it explains, over which weeks, and its state.
 *
 * @param id           the fit's id
 * @param modelVersion the name decisions and audit trails refer to, e.g. {@code mix-7/lotse-mix-1}
 * @param status       running, done or failed
 * @param outcome      revenue or orders
 * @param requestedAt  when it was asked for
 * @param requestedBy  who asked
 * @param finishedAt   when it ended, null while running
 * @param firstWeek    the first week of the data, null before the data were assembled
 * @param lastWeek     the last week of the data
 * @param weeks        weeks of data
 * @param channels     paid channels
 * @param error        why it failed, null otherwise
 */
public record FitSummary(long id, String modelVersion, String status, MixOutcome outcome, Instant requestedAt,
                         String requestedBy, @Nullable Instant finishedAt, @Nullable LocalDate firstWeek,
                         @Nullable LocalDate lastWeek, int weeks, List<String> channels, @Nullable String error) {

    public FitSummary {
        channels = List.copyOf(channels);
    }

    /** Whether the fit finished successfully. */
    public boolean done() {
        return "done".equals(status);
    }
}
