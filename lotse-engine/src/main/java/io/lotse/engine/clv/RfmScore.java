package io.lotse.engine.clv;

import java.util.Objects;

/**
 * A customer's RFM quintile scores, each from 1 (worst fifth) to 5 (best fifth), and the segment they give.
 *
 * @param customerId the customer
 * @param recency    5 for the most recent buyers
 * @param frequency  5 for the most frequent buyers
 * @param monetary   5 for the highest spenders
 * @param segment    the segment of the recency and frequency scores ({@link RfmSegment#of(int, int)})
 */
public record RfmScore(String customerId, int recency, int frequency, int monetary, RfmSegment segment) {

    public RfmScore {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(segment, "segment");
        Rfm.requireScore("recency", recency);
        Rfm.requireScore("frequency", frequency);
        Rfm.requireScore("monetary", monetary);
    }

    /** The three scores as the usual three-digit code, e.g. "545". */
    public String code() {
        return "" + recency + frequency + monetary;
    }
}
