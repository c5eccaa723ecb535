package io.lotse.server.engage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Resolves a campaign's audience to people and puts them into its queue, each with their experiment variant
 * (A/B/n) or in the holdout group. Built in: everyone who subscribed, or a list of profiles; other kinds (segments)
 * come from {@link AudienceSource} beans.
 */
@Component
class CampaignAudiences {

    private static final int CHUNK = 5_000;

    private final People people;
    private final DeliveryStore deliveries;
    private final ObjectProvider<AudienceSource> sources;

    CampaignAudiences(People people, DeliveryStore deliveries, ObjectProvider<AudienceSource> sources) {
        this.people = people;
        this.deliveries = deliveries;
        this.sources = sources;
    }

    /** The profile ids in an audience. */
    List<Long> members(Audience audience) {
        return switch (audience.kind()) {
            case Audience.ALL_SUBSCRIBERS -> people.subscribers();
            case Audience.PROFILES -> audience.ids();
            default -> sources.orderedStream().filter(s -> s.kind().equals(audience.kind())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no audiences of kind '" + audience.kind()
                            + "' are available"))
                    .members(audience.key() == null ? "" : audience.key())
                    .orElseThrow(() -> new IllegalArgumentException("there is no " + audience.kind() + " '"
                            + audience.key() + "'"));
        };
    }

    /** Whether audiences of this kind can be resolved. */
    boolean supports(String kind) {
        return kind.equals(Audience.ALL_SUBSCRIBERS) || kind.equals(Audience.PROFILES)
                || sources.orderedStream().anyMatch(s -> s.kind().equals(kind));
    }

    /** Queues the campaign's audience; returns how many people were added. */
    int enqueue(Campaign campaign) {
        List<Long> ids = members(campaign.audience());
        int added = 0;
        Instant now = Instant.now();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<DeliveryStore.Member> members = new ArrayList<>();
            for (People.Address address : people.addresses(ids.subList(from, Math.min(ids.size(), from + CHUNK)))) {
                members.add(new DeliveryStore.Member(address.profileId(), address.userId(), address.email(),
                        VariantChooser.queuedVariant(campaign, address.profileId()),
                        VariantChooser.heldOut(campaign, address.profileId())));
            }
            added += deliveries.enqueue(campaign.id(), members, now);
        }
        return added;
    }
}
