package io.lotse.server.collect;

/** The limits of the Segment tracking API, which clients are built to respect. */
final class SegmentLimits {

    static final int MAX_EVENT_BYTES = 32 * 1024;
    static final int MAX_REQUEST_BYTES = 500 * 1024;
    static final int MAX_BATCH_EVENTS = 2_500;
    static final int MAX_MESSAGE_ID_LENGTH = 100;

    private SegmentLimits() {}
}
