package io.lotse.server.engage;

import org.jspecify.annotations.Nullable;

/**
 * One message to one address, as stored before it is sent.
 *
 * @param id         the delivery id, which the message's links and headers carry
 * @param kind       campaign, journey, test or confirmation
 * @param campaignId the campaign, for campaign messages
 * @param profileId  the person, if known
 * @param userId     the person's user id, if known
 * @param email      the address
 * @param variant    the experiment variant shown, if any
 */
record Delivery(long id, DeliveryKind kind, @Nullable Long campaignId, @Nullable Long profileId,
                @Nullable String userId, String email, @Nullable String variant) {

    String domain() {
        return SuppressionList.domainOf(email);
    }
}
