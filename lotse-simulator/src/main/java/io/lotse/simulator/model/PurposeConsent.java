package io.lotse.simulator.model;

import java.time.Instant;

/**
 * A choice in the consent banner.
 *
 * @param granted   whether the purpose was granted
 * @param decidedAt when the choice was made (first visit)
 */
public record PurposeConsent(boolean granted, Instant decidedAt) {
}
