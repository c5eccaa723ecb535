package io.lotse.simulator.model;

import java.time.LocalDate;

/**
 * One week of one media channel: spend and impressions as reported, and its true effect.
 *
 * @param week                 Monday of the week
 * @param channel              media channel
 * @param spendCents           spend in euro cents
 * @param impressions          impressions (sends for email, contacts for TV)
 * @param observedDays         days of the week inside the simulated time span (7 except possibly the last)
 * @param adstock              geometric adstock of spend in euros (truth)
 * @param saturation           Hill saturation of the adstock, 0 to 1 (truth)
 * @param expectedContribution β · saturation · observedDays / 7: expected new customers (first orders) (truth)
 * @param realisedContribution customers actually acquired through the channel that week (truth)
 */
public record SpendWeek(LocalDate week, Channel channel, long spendCents, long impressions, int observedDays,
        double adstock, double saturation, double expectedContribution, int realisedContribution) {
}
