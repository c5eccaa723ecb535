package io.lotse.server.recommend;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a recommendations request.
 *
 * @param placement    the placement asked for
 * @param profileId    the person's profile, null when nobody is known by the given id
 * @param personalised whether the person's own data were used; false without consent to personalisation
 * @param model        the model that answered
 * @param items        the recommended products, best first
 */
public record RecommendationList(String placement, @Nullable Long profileId, boolean personalised, Model model,
                                 List<Item> items) {

    /**
     * @param version   counts trainings since the server started; 0 before the first
     * @param trainedAt when it was trained, null before the first training
     */
    public record Model(long version, @Nullable Instant trainedAt) {}

    /**
     * One recommended product.
     *
     * @param productId the product id as tracked
     * @param name      its name, if tracked
     * @param category  its category, if tracked
     * @param price     its price, if tracked
     * @param score     the blended score; comparable within one answer only
     * @param source    the signal that contributed most ({@code ease}, {@code session}, {@code popular}, …)
     * @param reason    why, readable
     */
    public record Item(String productId, @Nullable String name, @Nullable String category, @Nullable Double price,
                       double score, String source, Reason reason) {}

    /**
     * Why a product is recommended.
     *
     * @param type        {@code viewed}, {@code bought}, {@code similar}, {@code buy_again}, {@code bought_together},
     *                    {@code popular_in}, {@code trending} or {@code popular}
     * @param productId   the product the reason refers to, if any
     * @param productName that product's name, if tracked
     * @param category    the category the reason refers to, if any
     * @param text        the reason as a sentence in the request's language (English or German)
     */
    public record Reason(String type, @Nullable String productId, @Nullable String productName,
                         @Nullable String category, String text) {}
}
