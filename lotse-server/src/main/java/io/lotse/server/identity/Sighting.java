package io.lotse.server.identity;

import io.lotse.engine.identity.Identifier;
import java.time.Instant;
import java.util.List;

/**
 * The identifiers one logged event carries.
 *
 * @param seq         the event's log position
 * @param messageId   the event's message id, recorded as the cause of merges
 * @param at          when the event happened
 * @param identifiers its normalised identifiers; for an alias also the previous id
 */
public record Sighting(long seq, String messageId, Instant at, List<Identifier> identifiers) {

    public Sighting {
        identifiers = List.copyOf(identifiers);
    }
}
