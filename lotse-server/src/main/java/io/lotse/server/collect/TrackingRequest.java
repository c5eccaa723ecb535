package io.lotse.server.collect;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A parsed tracking request.
 *
 * @param writeKey the write key from the body, if the client sent it there
 * @param stored   the valid events with their stored form, in request order
 * @param rejected the invalid events with their index and reason
 */
record TrackingRequest(@Nullable String writeKey, List<StoredEvent> stored, List<Rejection> rejected) {

    /** The valid events, in request order. */
    List<CollectedEvent> accepted() {
        return stored.stream().map(StoredEvent::event).toList();
    }
}
