package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventGeneratorTest {

    private static final Instant START = Instant.parse("2025-06-01T08:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static List<SegmentEvent> generate(long seed, int count) {
        return new EventGenerator(seed, 2_000, START).next(count);
    }

    @Test
    void sameSeedGivesSameEvents() {
        assertThat(generate(7, 5_000)).isEqualTo(generate(7, 5_000));
    }

    @Test
    void otherSeedGivesOtherEvents() {
        assertThat(generate(8, 100).get(0).messageId()).isNotEqualTo(generate(7, 100).get(0).messageId());
    }

    @Test
    void everyEventIsValidJsonWithUniqueMessageIdAndAPerson() {
        List<SegmentEvent> events = generate(7, 20_000);
        Set<String> messageIds = new HashSet<>();
        for (SegmentEvent event : events) {
            JsonNode json = JSON.readTree(event.json());
            assertThat(json.get("messageId").asString()).isEqualTo(event.messageId());
            assertThat(json.get("type").asString()).isEqualTo(event.type());
            assertThat(json.get("timestamp").asString()).isEqualTo(event.timestamp().toString());
            assertThat(json.has("userId") || json.has("anonymousId")).as(event.json()).isTrue();
            assertThat(event.userId() != null || event.anonymousId() != null).isTrue();
            assertThat(messageIds.add(event.messageId())).as("unique message id").isTrue();
        }
    }

    @Test
    void serializedSizesAreThoseOfRealTrackingEvents() {
        List<SegmentEvent> events = generate(7, 20_000);
        long total = 0;
        for (SegmentEvent event : events) {
            int size = event.json().getBytes(StandardCharsets.UTF_8).length;
            assertThat(size).as(event.json()).isBetween(250, 1_200);
            total += size;
        }
        assertThat((double) total / events.size()).isBetween(400.0, 700.0);
    }

    @Test
    void mixIsMostlyTrackThenPageThenIdentify() {
        Map<String, Long> byType = generate(7, 20_000).stream()
                .collect(Collectors.groupingBy(SegmentEvent::type, Collectors.counting()));
        assertThat(byType.get("identify")).isBetween(1_600L, 2_400L);
        assertThat(byType.get("track")).isBetween(11_200L, 12_800L);
        assertThat(byType.get("page")).isBetween(5_200L, 6_800L);
    }

    @Test
    void trackEventsAreTheShopEvents() {
        Map<String, SegmentEvent> byName = generate(7, 20_000).stream().filter(e -> e.event() != null)
                .collect(Collectors.toMap(SegmentEvent::event, Function.identity(), (a, b) -> a));
        assertThat(byName).containsOnlyKeys("Product Viewed", "Product Added", "Order Completed");
        JsonNode order = JSON.readTree(byName.get("Order Completed").json());
        assertThat(order.at("/properties/revenue").isNumber()).isTrue();
        assertThat(order.at("/properties/products").size()).isPositive();
    }

    @Test
    void timestampsNeverGoBackwards() {
        List<SegmentEvent> events = generate(7, 5_000);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).timestamp()).isAfterOrEqualTo(events.get(i - 1).timestamp());
        }
        assertThat(events.get(0).timestamp()).isAfterOrEqualTo(START);
    }

    @Test
    void batchesAreSegmentBatchBodies() {
        List<SegmentEvent> events = generate(7, 1_050);
        List<Batch> batches = Batch.split(events, 500);
        assertThat(batches).extracting(Batch::eventCount).containsExactly(500, 500, 50);
        JsonNode body = JSON.readTree(new String(batches.get(2).body(), StandardCharsets.UTF_8));
        assertThat(body.get("batch").size()).isEqualTo(50);
        assertThat(body.get("batch").get(0).get("messageId").asString()).isEqualTo(events.get(1_000).messageId());
        assertThat(body.get("sentAt").asString()).isNotEmpty();
        assertThat(body.at("/context/library/name").asString()).isEqualTo("lotse-bench");
    }
}
