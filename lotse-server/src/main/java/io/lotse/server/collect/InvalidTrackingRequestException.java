package io.lotse.server.collect;

import java.util.List;

/** The request as a whole cannot be read: not JSON, too large, too many events, or every event invalid. */
class InvalidTrackingRequestException extends RuntimeException {

    private final List<Rejection> rejected;

    InvalidTrackingRequestException(String message) {
        this(message, List.of());
    }

    InvalidTrackingRequestException(String message, List<Rejection> rejected) {
        super(message);
        this.rejected = List.copyOf(rejected);
    }

    List<Rejection> rejected() {
        return rejected;
    }
}
