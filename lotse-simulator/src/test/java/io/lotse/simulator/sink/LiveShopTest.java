package io.lotse.simulator.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.segment.analytics.messages.Message;
import io.lotse.simulator.LiveShop;
import io.lotse.simulator.ShopSimulation;
import io.lotse.simulator.ShopSink;
import io.lotse.simulator.model.Customer;
import io.lotse.simulator.model.Device;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Live visits are valid Segment messages of the shop's own people, stamped with the clock's time. */
class LiveShopTest {

    private static final Instant NOW = Instant.parse("2026-03-10T18:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static ShopSimulation shop() {
        return ShopSimulation.builder().customers(150).days(20).seed(9).start(LocalDate.of(2026, 2, 1))
                .historyDays(30).build();
    }

    private static List<ObjectNode> live(int count) {
        LiveShop live = shop().live(CLOCK);
        List<ObjectNode> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(live.next());
        }
        return messages;
    }

    @Test
    void sendsValidSegmentMessagesOfKnownPeopleWithTheCurrentTime() {
        Set<String> userIds = new HashSet<>();
        Set<String> anonymousIds = new HashSet<>();
        shop().run(new ShopSink() {
            @Override
            public void customer(Customer customer) {
                userIds.add(customer.userId());
                for (Device device : customer.devices()) {
                    anonymousIds.add(device.anonymousId());
                }
            }
        });

        List<ObjectNode> messages = live(3000);

        Set<String> messageIds = new HashSet<>();
        Set<String> events = new HashSet<>();
        Set<String> types = new HashSet<>();
        int known = 0;
        int unknown = 0;
        for (ObjectNode message : messages) {
            assertThat(message.path("timestamp").asString()).isEqualTo("2026-03-10T18:30:00.000Z");
            assertThat(messageIds.add(message.path("messageId").asString())).isTrue();
            assertThat(message.hasNonNull("anonymousId") || message.hasNonNull("userId")).isTrue();
            if (message.hasNonNull("userId")) {
                assertThat(userIds).contains(message.path("userId").asString());
            }
            if (message.hasNonNull("anonymousId")) {
                if (anonymousIds.contains(message.path("anonymousId").asString())) {
                    known++;
                } else {
                    unknown++;
                }
            }
            types.add(message.path("type").asString());
            if ("track".equals(message.path("type").asString())) {
                events.add(message.path("event").asString());
            }
            if ("Order Completed".equals(message.path("event").asString())) {
                assertThat(message.path("properties").path("order_id").asString()).startsWith("LS-2026-L");
                assertThat(message.path("properties").path("products").size()).isPositive();
            }
            assertThat(message.path("context").path("consent").isObject()).isTrue();
            // The Segment library accepts it as it is.
            Message built = SegmentShopSink.builder(message).build();
            assertThat(built.timestamp()).isEqualTo(java.util.Date.from(NOW));
            assertThat(built.messageId()).isEqualTo(message.path("messageId").asString());
        }
        assertThat(types).contains("page", "track", "identify");
        assertThat(events).contains("Product Viewed", "Product Added", "Products Searched", "Order Completed",
                "Signed In");
        // Mostly returning people's devices, some new anonymous visitors.
        assertThat(known).isGreaterThan(unknown);
        assertThat(unknown).isPositive();
    }

    @Test
    void theSameSeedAndStartGiveTheSameTraffic() {
        assertThat(live(300)).isEqualTo(live(300));
    }

    @Test
    void countsWhatWasTaken() {
        LiveShop live = shop().live(CLOCK);
        for (int i = 0; i < 500; i++) {
            live.next();
        }
        Map<String, Long> counts = live.counts();
        assertThat(counts.get("events")).isEqualTo(500);
        assertThat(counts.get("page") + counts.get("screen") + counts.get("track") + counts.get("identify"))
                .isEqualTo(500);
        assertThat(counts.get("visits")).isPositive();
    }
}
