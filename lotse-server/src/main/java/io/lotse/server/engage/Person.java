package io.lotse.server.engage;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Everything a message is personalised with, for one person.
 *
 * @param profileId       the profile
 * @param userId          the shop's user id, if known
 * @param email           the address to write to
 * @param traits          current traits
 * @param marketingConsent whether one of the marketing-email purposes is granted
 * @param scores          scores by name, when a score source exists
 * @param recommendations recommended products, best first
 * @param segments        keys of the segments (asked for by the content) the person is in
 */
record Person(long profileId, @Nullable String userId, String email, JsonNode traits, boolean marketingConsent,
              Map<String, Double> scores, List<RecommendedItem> recommendations, Set<String> segments) {}
