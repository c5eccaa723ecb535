package io.lotse.simulator.sink;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.Log;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.MessageBuilder;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.ScreenMessage;
import com.segment.analytics.messages.TrackMessage;
import io.lotse.simulator.ShopSink;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends the simulated events live through Segment's Java library to any Segment-compatible endpoint (such as
 * Lotse's {@code /v1/batch}), with each event's own timestamp and message id, at a chosen rate. Orders, messages
 * and truth are not sent. {@link #close()} flushes and waits for the library to deliver what is queued.
 */
public final class SegmentShopSink implements ShopSink {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final Analytics analytics;
    private final double rate;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final PrintStream log;
    private long enqueued;
    private long startNanos = -1;
    private boolean closed;

    /**
     * Connects to an endpoint.
     *
     * @param endpoint base URL, e.g. {@code http://localhost:8080}; the library posts to {@code /v1/import}
     * @param writeKey the write key
     * @param rate     events per second; 0 or less sends as fast as the library accepts them
     * @param log      where delivery errors are reported
     */
    public SegmentShopSink(String endpoint, String writeKey, double rate, PrintStream log) {
        this.rate = rate;
        this.log = log;
        this.analytics = Analytics.builder(writeKey)
                .endpoint(endpoint)
                .queueCapacity(10_000)
                .flushQueueSize(250)
                .flushInterval(2, TimeUnit.SECONDS)
                .retries(5)
                .log(new Log() {
                    @Override
                    public void print(Level level, String format, Object... args) {
                        if (level == Level.ERROR) {
                            log.println("segment: " + String.format(format, args));
                        }
                    }

                    @Override
                    public void print(Level level, Throwable error, String format, Object... args) {
                        if (level == Level.ERROR) {
                            log.println("segment: " + String.format(format, args) + ": " + error);
                        }
                    }
                })
                .callback(new Callback() {
                    @Override
                    public void success(Message message) {
                        delivered.incrementAndGet();
                    }

                    @Override
                    public void failure(Message message, Throwable throwable) {
                        failed.incrementAndGet();
                    }
                })
                .build();
    }

    @Override
    public void event(ObjectNode message) {
        pace();
        analytics.enqueue(builder(message));
        enqueued++;
    }

    /** Events handed to the library. */
    public long enqueued() {
        return enqueued;
    }

    /** Events the endpoint accepted. */
    public long delivered() {
        return delivered.get();
    }

    /** Events that could not be delivered. */
    public long failed() {
        return failed.get();
    }

    /** Translates a Segment message in JSON into the library's builder, keeping ids, timestamp and context. */
    static MessageBuilder<?, ?> builder(ObjectNode message) {
        String type = message.path("type").asString();
        MessageBuilder<?, ?> builder = switch (type) {
            case "identify" -> IdentifyMessage.builder().traits(map(message.path("traits")));
            case "track" -> TrackMessage.builder(message.path("event").asString())
                    .properties(map(message.path("properties")));
            case "page" -> PageMessage.builder(message.path("name").asString())
                    .properties(map(message.path("properties")));
            case "screen" -> ScreenMessage.builder(message.path("name").asString())
                    .properties(map(message.path("properties")));
            default -> throw new IllegalArgumentException("unsupported message type " + type);
        };
        builder.messageId(message.path("messageId").asString());
        builder.timestamp(Date.from(Instant.parse(message.path("timestamp").asString())));
        if (message.hasNonNull("anonymousId")) {
            builder.anonymousId(message.path("anonymousId").asString());
        }
        if (message.hasNonNull("userId")) {
            builder.userId(message.path("userId").asString());
        }
        builder.context(map(message.path("context")));
        return builder;
    }

    private static Map<String, Object> map(JsonNode node) {
        return JSON.convertValue(node, MAP);
    }

    private void pace() {
        if (rate <= 0) {
            return;
        }
        if (startNanos < 0) {
            startNanos = System.nanoTime();
        }
        long due = startNanos + (long) (enqueued * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing events", e);
            }
        }
    }

    /** Flushes, waits for delivery and shuts the library down. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        analytics.flush();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (delivered.get() + failed.get() < enqueued && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        analytics.shutdown();
        if (failed.get() > 0) {
            log.println("segment: " + failed.get() + " of " + enqueued + " events could not be delivered");
        }
    }
}
