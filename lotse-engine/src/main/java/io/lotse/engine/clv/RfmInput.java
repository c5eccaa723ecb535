package io.lotse.engine.clv;

import java.util.Objects;

/**
 * A customer's recency, frequency and monetary value at a reference date, the input of {@link Rfm}.
 *
 * @param customerId the customer
 * @param recency    time since the last purchase, in any unit (the same for every customer), at least 0
 * @param frequency  number of purchases, at least 1
 * @param monetary   total value of the purchases, at least 0
 */
public record RfmInput(String customerId, double recency, int frequency, double monetary) {

    public RfmInput {
        Objects.requireNonNull(customerId, "customerId");
        if (!(Double.isFinite(recency) && recency >= 0)) {
            throw new IllegalArgumentException("recency must be a finite time of at least 0, was " + recency
                    + " (customer " + customerId + ")");
        }
        if (frequency < 1) {
            throw new IllegalArgumentException("an RFM customer has at least one purchase, had " + frequency
                    + " (customer " + customerId + ")");
        }
        if (!(Double.isFinite(monetary) && monetary >= 0)) {
            throw new IllegalArgumentException("monetary value must be a finite amount of at least 0, was "
                    + monetary + " (customer " + customerId + ")");
        }
    }
}
