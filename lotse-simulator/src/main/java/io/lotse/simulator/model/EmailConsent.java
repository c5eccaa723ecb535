package io.lotse.simulator.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Email marketing consent with double opt-in.
 *
 * @param doubleOptIn state at the end of the simulation
 * @param requestedAt when the newsletter was asked for; null for {@link DoubleOptIn#NONE}
 * @param confirmedAt when the confirmation link was clicked; null unless confirmed
 * @param withdrawnAt when the person unsubscribed; null if never
 */
public record EmailConsent(DoubleOptIn doubleOptIn, @Nullable Instant requestedAt, @Nullable Instant confirmedAt,
        @Nullable Instant withdrawnAt) {

    /** Whether email marketing is allowed at the given time. */
    public boolean grantedAt(Instant time) {
        return confirmedAt != null && !time.isBefore(confirmedAt) && (withdrawnAt == null || time.isBefore(withdrawnAt));
    }
}
