/**
 * Predictions per customer from the platform's own data: lifetime value, churn risk, next order date, RFM segment
 * and propensities, trained on a schedule and on demand with their provenance, and stored on the profile.
 */
@NullMarked
package io.lotse.server.predict;

import org.jspecify.annotations.NullMarked;
