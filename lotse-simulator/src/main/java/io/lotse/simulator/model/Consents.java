package io.lotse.simulator.model;

/**
 * Consents per purpose.
 *
 * @param email           email marketing, with double opt-in
 * @param personalisation personalised content and recommendations
 * @param analytics       analytics tracking
 * @param advertising     advertising and retargeting
 */
public record Consents(EmailConsent email, PurposeConsent personalisation, PurposeConsent analytics,
        PurposeConsent advertising) {
}
