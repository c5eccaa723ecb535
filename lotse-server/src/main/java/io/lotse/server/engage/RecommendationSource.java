package io.lotse.server.engage;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where messages and landing pages get each person's recommended products. A module that recommends (e.g.
 * {@code recommend}) provides a bean of this type; it then replaces the built-in fallback, which shows the products a
 * person looked at most recently, else the shop's most viewed.
 */
public interface RecommendationSource {

    /**
     * Up to {@code limit} recommendations for each of the given profiles, best first. Called for batches of a few
     * hundred people while a campaign is sent, so it must answer in bulk.
     */
    Map<Long, List<RecommendedItem>> recommendationsFor(Collection<Long> profileIds, int limit);
}
