package io.lotse.server.recommend;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request for recommendations: for whom, where, and in view of which products.
 *
 * @param userId      the person's user id; exactly one of the three ids is given
 * @param anonymousId the visitor's anonymous id
 * @param profileId   the person's profile id
 * @param placement   where the recommendations are shown
 * @param productIds  the product of a product page, or the cart's products; may be empty
 * @param limit       how many products at most, 1 to {@value #MAX_LIMIT}
 */
public record RecommendationRequest(@Nullable String userId, @Nullable String anonymousId, @Nullable Long profileId,
                                    Placement placement, List<String> productIds, int limit) {

    public static final int MAX_LIMIT = 100;

    public RecommendationRequest {
        productIds = List.copyOf(productIds);
        int ids = (userId == null ? 0 : 1) + (anonymousId == null ? 0 : 1) + (profileId == null ? 0 : 1);
        if (ids != 1) {
            throw new IllegalArgumentException("Give exactly one of userId, anonymousId or profileId.");
        }
        if (userId != null && userId.isBlank() || anonymousId != null && anonymousId.isBlank()) {
            throw new IllegalArgumentException("An id must not be blank.");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit + ".");
        }
        if (placement == Placement.PRODUCT && productIds.isEmpty()) {
            throw new IllegalArgumentException("The product placement needs the productId of the product in view.");
        }
        if (productIds.size() > MAX_LIMIT) {
            throw new IllegalArgumentException("At most " + MAX_LIMIT + " productIds, got " + productIds.size() + ".");
        }
    }
}
