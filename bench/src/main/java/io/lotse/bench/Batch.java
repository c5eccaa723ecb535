package io.lotse.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code POST /v1/batch} request body as a Segment library sends it.
 *
 * @param body       the UTF-8 JSON body: {@code {"batch": [...], "sentAt": ..., "context": {"library": ...}}}
 * @param eventCount how many events the body carries
 */
record Batch(byte[] body, int eventCount) {

    private static final String LIBRARY = "{\"name\":\"lotse-bench\",\"version\":\"1.0.0\"}";

    /**
     * Splits events, in order, into batches of {@code batchSize} (the last one may be smaller). Each batch is
     * stamped as sent half a second after its newest event, as a client flushing its queue would.
     */
    static List<Batch> split(List<SegmentEvent> events, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, was " + batchSize);
        }
        List<Batch> batches = new ArrayList<>(events.size() / batchSize + 1);
        for (int from = 0; from < events.size(); from += batchSize) {
            List<SegmentEvent> slice = events.subList(from, Math.min(from + batchSize, events.size()));
            batches.add(of(slice));
        }
        return batches;
    }

    private static Batch of(List<SegmentEvent> events) {
        StringBuilder json = new StringBuilder(events.size() * 700).append("{\"batch\":[");
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(events.get(i).json());
        }
        String sentAt = events.get(events.size() - 1).timestamp().plusMillis(500).toString();
        json.append("],\"sentAt\":\"").append(sentAt).append("\",\"context\":{\"library\":").append(LIBRARY)
                .append("}}");
        return new Batch(json.toString().getBytes(StandardCharsets.UTF_8), events.size());
    }
}
