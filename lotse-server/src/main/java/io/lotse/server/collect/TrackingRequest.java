package io.lotse.server.collect;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A parsed tracking request.
 *
 * @param writeKey the write key from the body, if the client sent it there
 * @param accepted the valid events, in request order
 * @param rejected the invalid events with their index and reason
 */
record TrackingRequest(@Nullable String writeKey, List<CollectedEvent> accepted, List<Rejection> rejected) {}
