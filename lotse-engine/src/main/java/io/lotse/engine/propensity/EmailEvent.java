package io.lotse.engine.propensity;

import java.time.Instant;

/**
 * Something that happened to a marketing email of a person.
 *
 * @param at     when
 * @param action sent, opened or clicked
 */
public record EmailEvent(Instant at, Action action) {

    /** What happened to the email. */
    public enum Action {
        SENT, OPENED, CLICKED
    }
}
