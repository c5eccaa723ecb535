package io.lotse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated shop's events file (one Segment message per line, as {@code events.jsonl}) cut into the batches the
 * tracking API accepts: at most {@link #MAX_EVENTS} messages and {@link #MAX_BYTES} of UTF-8 each.
 */
final class EventFileBatches {

    /** Messages per batch. */
    static final int MAX_EVENTS = 500;
    /** Below the tracking API's 500 KB per request, with room for the envelope. */
    static final int MAX_BYTES = 450 * 1024;

    private EventFileBatches() {}

    /** Sees every message as it is read. */
    @FunctionalInterface
    interface MessageVisitor {
        /**
         * @param line   the message's JSON
         * @param number how many messages were read so far, this one included
         * @return whether to read on
         */
        boolean visit(String line, long number);
    }

    /** Sends one batch of messages. */
    @FunctionalInterface
    interface BatchSender {
        void send(List<String> messages) throws IOException, InterruptedException;
    }

    /**
     * Reads the file's non-blank lines in order, shows each to {@code visitor} and hands them to {@code sender} in
     * batches; each batch is a fresh list the sender may keep. When the visitor says stop, the messages read so far
     * are still sent.
     *
     * @return how many messages were read
     */
    static long send(Path events, MessageVisitor visitor, BatchSender sender) throws IOException,
            InterruptedException {
        long count = 0;
        List<String> batch = new ArrayList<>(MAX_EVENTS);
        int bytes = 0;
        try (BufferedReader lines = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                int size = line.getBytes(StandardCharsets.UTF_8).length + 1;
                if (batch.size() == MAX_EVENTS || bytes + size > MAX_BYTES) {
                    sender.send(batch);
                    batch = new ArrayList<>(MAX_EVENTS);
                    bytes = 0;
                }
                batch.add(line);
                bytes += size;
                count++;
                if (!visitor.visit(line, count)) {
                    break;
                }
            }
        }
        if (!batch.isEmpty()) {
            sender.send(batch);
        }
        return count;
    }
}
