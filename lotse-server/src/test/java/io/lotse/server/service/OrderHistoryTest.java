package io.lotse.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.profile.TimelineEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OrderHistoryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final List<TimelineEntry> oldestFirst = new ArrayList<>();

    private void track(String event, String day, String properties) {
        oldestFirst.add(new TimelineEntry(oldestFirst.size() + 1, "track", event,
                Instant.parse(day + "T10:00:00Z"), Instant.parse(day + "T10:00:01Z"), "m" + oldestFirst.size(),
                JSON.readTree("{\"properties\": " + properties + "}")));
    }

    private List<GatheredContext.Order> read() {
        List<TimelineEntry> newestFirst = new ArrayList<>(oldestFirst);
        Collections.reverse(newestFirst);
        return OrderHistory.read(newestFirst);
    }

    @Test
    void anOrderMovesOnFromPlacedToShippedToDeliveredWithItsShipment() {
        track("Order Completed", "2026-11-02", """
                {"order_id": "LS-1", "total": "59.90", "currency": "eur",
                 "products": [{"name": "Schal", "quantity": 2}]}""");
        assertThat(read().get(0).status()).isEqualTo("placed");
        assertThat(read().get(0).shipment()).isNull();

        track("Order Shipped", "2026-11-03", """
                {"order_id": "LS-1", "carrier": "DHL", "tracking_number": "00340434",
                 "tracking_url": "https://track.example/00340434"}""");
        GatheredContext.Order shipped = read().get(0);
        assertThat(shipped.status()).isEqualTo("shipped");
        assertThat(shipped.shipment()).isEqualTo(new GatheredContext.Shipment("DHL", "00340434",
                "https://track.example/00340434", Instant.parse("2026-11-03T10:00:00Z"), null));

        track("Order Delivered", "2026-11-05", "{\"order_id\": \"LS-1\"}");
        GatheredContext.Order delivered = read().get(0);
        assertThat(delivered.status()).isEqualTo("delivered");
        assertThat(delivered.statusAt()).isEqualTo(Instant.parse("2026-11-05T10:00:00Z"));
        assertThat(delivered.shipment().trackingNumber()).isEqualTo("00340434");
        assertThat(delivered.shipment().deliveredAt()).isEqualTo(Instant.parse("2026-11-05T10:00:00Z"));
        assertThat(delivered.total()).isEqualByComparingTo(new BigDecimal("59.90"));
        assertThat(delivered.currency()).isEqualTo("EUR");
        assertThat(delivered.items()).containsExactly(new GatheredContext.Item("Schal", 2));
        assertThat(delivered.returnState()).isNull();
    }

    @Test
    void aReturnAndItsRefundAreTheReturnState() {
        track("Order Completed", "2026-10-01", "{\"order_id\": \"LS-2\", \"revenue\": 20}");
        track("Order Delivered", "2026-10-03", "{\"order_id\": \"LS-2\"}");
        track("Order Returned", "2026-10-10", "{\"order_id\": \"LS-2\"}");
        assertThat(read().get(0).returnState()).isEqualTo("returned");
        track("Order Refunded", "2026-10-12", "{\"order_id\": \"LS-2\"}");
        GatheredContext.Order refunded = read().get(0);
        assertThat(refunded.status()).isEqualTo("refunded");
        assertThat(refunded.returnState()).isEqualTo("refunded");
        assertThat(refunded.shipment().deliveredAt()).isEqualTo(Instant.parse("2026-10-03T10:00:00Z"));
    }

    @Test
    void ordersComeNewestFirstAndStrayStatusEventsAreIgnored() {
        track("Order Shipped", "2026-09-01", "{\"order_id\": \"LS-unknown\"}");
        track("Order Completed", "2026-09-02", "{\"order_id\": \"LS-3\"}");
        track("Order Completed", "2026-09-05", "{\"order_id\": \"LS-4\"}");
        track("Order Cancelled", "2026-09-06", "{\"order_id\": \"LS-3\"}");
        track("Product Viewed", "2026-09-07", "{\"order_id\": \"LS-4\"}");
        List<GatheredContext.Order> orders = read();
        assertThat(orders).extracting(GatheredContext.Order::number).containsExactly("LS-4", "LS-3");
        assertThat(orders).extracting(GatheredContext.Order::status).containsExactly("placed", "cancelled");
    }
}
