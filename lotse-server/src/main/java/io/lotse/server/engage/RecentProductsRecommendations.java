package io.lotse.server.engage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in recommendations until a recommending module provides better ones: the products a person viewed or
 * put in the cart most recently (their own data, so the block is personal), topped up with the shop's most viewed
 * products of the last 30 days for people with little history.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class RecentProductsRecommendations implements RecommendationSource {

    private static final int RECENT_EVENTS = 20;
    private static final Duration POPULAR_REFRESH = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private volatile List<RecommendedItem> popular = List.of();
    private volatile Instant popularAt = Instant.EPOCH;

    RecentProductsRecommendations(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Map<Long, List<RecommendedItem>> recommendationsFor(Collection<Long> profileIds, int limit) {
        Map<Long, LinkedHashMap<String, RecommendedItem>> byProfile = new HashMap<>();
        jdbc.sql("""
                WITH ids AS MATERIALIZED (""" + People.IDENTITIES_OF + """
                )
                SELECT i.profile_id, r.properties
                FROM ids i
                CROSS JOIN LATERAL (
                    SELECT (e.payload->'properties')::text AS properties, e.seq FROM events e
                    WHERE e.user_id = i.value AND e.type = 'track'
                      AND e.event IN ('Product Viewed', 'Product Added', 'Product Clicked')
                    ORDER BY e.seq DESC LIMIT ?) r
                WHERE i.type = 'user_id'
                ORDER BY i.profile_id, r.seq DESC""")
                .params(profileIds.toArray(Long[]::new), RECENT_EVENTS)
                .query((rs, n) -> {
                    RecommendedItem item = item(json.readTree(rs.getString(2)));
                    if (item != null) {
                        byProfile.computeIfAbsent(rs.getLong(1), id -> new LinkedHashMap<>())
                                .putIfAbsent(item.productId(), item);
                    }
                    return null;
                }).list();
        List<RecommendedItem> topUp = popular();
        Map<Long, List<RecommendedItem>> result = new HashMap<>();
        for (Long id : profileIds) {
            LinkedHashMap<String, RecommendedItem> own = byProfile.getOrDefault(id, new LinkedHashMap<>());
            for (RecommendedItem item : topUp) {
                if (own.size() >= limit) {
                    break;
                }
                own.putIfAbsent(item.productId(), item);
            }
            result.put(id, new ArrayList<>(own.values()).subList(0, Math.min(limit, own.size())));
        }
        return result;
    }

    private List<RecommendedItem> popular() {
        if (Duration.between(popularAt, Instant.now()).compareTo(POPULAR_REFRESH) < 0) {
            return popular;
        }
        Map<String, RecommendedItem> items = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT (array_agg((payload->'properties')::text ORDER BY seq DESC))[1]
                FROM events
                WHERE received_at > now() - interval '30 days' AND type = 'track' AND event = 'Product Viewed'
                  AND payload->'properties'->>'product_id' IS NOT NULL
                GROUP BY payload->'properties'->>'product_id'
                ORDER BY count(*) DESC LIMIT 20""")
                .query((rs, n) -> {
                    RecommendedItem item = item(json.readTree(rs.getString(1)));
                    if (item != null) {
                        items.putIfAbsent(item.productId(), item);
                    }
                    return null;
                }).list();
        popular = List.copyOf(items.values());
        popularAt = Instant.now();
        return popular;
    }

    /** A product from Segment's e-commerce properties, or null without an id and a name. */
    static @Nullable RecommendedItem item(JsonNode properties) {
        String id = text(properties.get("product_id"));
        if (id == null) {
            id = text(properties.get("sku"));
        }
        String name = text(properties.get("name"));
        if (id == null || name == null) {
            return null;
        }
        JsonNode price = properties.get("price");
        return new RecommendedItem(id, name, text(properties.get("url")), text(properties.get("image_url")),
                price != null && price.isNumber() ? price.decimalValue() : null,
                text(properties.get("currency")));
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String value = node.isString() ? node.stringValue() : node.isNumber() ? node.asString() : null;
        return value == null || value.isBlank() ? null : value;
    }

    static String priceText(@Nullable BigDecimal price, @Nullable String currency) {
        if (price == null) {
            return "";
        }
        return price.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()
                + (currency == null ? "" : " " + currency);
    }
}
