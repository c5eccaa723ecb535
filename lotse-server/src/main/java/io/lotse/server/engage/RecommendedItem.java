package io.lotse.server.engage;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A product recommended to a person, as shown in a message or on a landing page.
 *
 * @param productId the shop's product id
 * @param name      the product name
 * @param url       its page in the shop
 * @param imageUrl  a picture of it
 * @param price     its price
 * @param currency  ISO code of the price
 */
public record RecommendedItem(String productId, String name, @Nullable String url, @Nullable String imageUrl,
                              @Nullable BigDecimal price, @Nullable String currency) {}
