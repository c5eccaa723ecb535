package io.lotse.server.recommend;

import io.lotse.server.ServerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Segment e-commerce events of a small test shop whose product ids are unique to one test, sent through the
 * tracking API.
 */
final class ShopEvents {

    private final ServerClient client;
    private final String prefix = "T" + UUID.randomUUID().toString().substring(0, 8);

    ShopEvents(ServerClient client) {
        this.client = client;
    }

    /** A product id of this shop. */
    String product(String name) {
        return prefix + "-" + name;
    }

    String user(String name) {
        return prefix + "-user-" + name;
    }

    /** An order of the given products by a user, carrying the user's consent choice about personalisation. */
    void order(String userId, boolean consent, String... products) {
        StringBuilder lines = new StringBuilder();
        for (String product : products) {
            lines.append(lines.length() == 0 ? "" : ",").append("""
                    {"product_id":"%s","name":"Name of %s","category":"%s","price":9.5,"quantity":1}"""
                    .formatted(product(product), product, category(product)));
        }
        client.sendOk("/v1/track", """
                {"userId":"%s","event":"Order Completed","messageId":"%s",
                 "properties":{"order_id":"%s","revenue":9.5,"products":[%s]},
                 "context":{"consent":{"categoryPreferences":{"personalisation":%s}}}}"""
                .formatted(userId, UUID.randomUUID(), UUID.randomUUID(), lines, consent));
    }

    /** A product view by an anonymous visitor, with their consent choice. */
    void view(String anonymousId, boolean consent, String product) {
        client.sendOk("/v1/track", """
                {"anonymousId":"%s","event":"Product Viewed","messageId":"%s",
                 "properties":{"product_id":"%s","name":"Name of %s","category":"%s","price":9.5},
                 "context":{"consent":{"categoryPreferences":{"personalisation":%s}}}}"""
                .formatted(anonymousId, UUID.randomUUID(), product(product), product, category(product), consent));
    }

    /** Past visits of other visitors, each viewing the given products in order (for V-SKNN to learn). */
    void pastSessions(int visitors, String... products) {
        List<String> batch = new ArrayList<>();
        for (int v = 0; v < visitors; v++) {
            String visitor = prefix + "-past-" + UUID.randomUUID();
            for (int i = 0; i < products.length; i++) {
                batch.add("""
                        {"type":"track","anonymousId":"%s","event":"Product Viewed","messageId":"%s",
                         "timestamp":"%s","properties":{"product_id":"%s","category":"%s"}}"""
                        .formatted(visitor, UUID.randomUUID(), java.time.Instant.now().minusSeconds(3_600 + 60L
                                * (products.length - i)), product(products[i]), category(products[i])));
            }
        }
        client.sendOk("/v1/batch", "{\"batch\":[" + String.join(",", batch) + "]}");
    }

    /** Products named with a letter and a digit belong to the category of their letter. */
    String category(String product) {
        return prefix + "-category-" + product.charAt(0);
    }
}
