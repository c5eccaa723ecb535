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
 * @param reason    why it is recommended, a sentence for the person (e.g. "Because you bought X"), if known
 */
public record RecommendedItem(String productId, String name, @Nullable String url, @Nullable String imageUrl,
                              @Nullable BigDecimal price, @Nullable String currency, @Nullable String reason) {

    /** A product recommended without a stated reason. */
    public RecommendedItem(String productId, String name, @Nullable String url, @Nullable String imageUrl,
                           @Nullable BigDecimal price, @Nullable String currency) {
        this(productId, name, url, imageUrl, price, currency, null);
    }
}
