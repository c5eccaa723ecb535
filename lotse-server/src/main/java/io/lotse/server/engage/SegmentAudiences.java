package io.lotse.server.engage;

import io.lotse.server.segment.SegmentMember;
import io.lotse.server.segment.SegmentMembershipChanged;
import io.lotse.server.segment.Segments;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Segments as audiences of campaigns ({@code {"kind": "segment", "key": "vip"}}) and of content by segment
 * ({@code {{#segment vip}}}), and their entered and left events as journey triggers. A segment's members are read
 * once and kept for a few seconds, so that rendering many batches does not read them again for each.
 */
@Component
class SegmentAudiences implements AudienceSource {

    private static final int PAGE = 10_000;
    private static final Duration MEMBERS_MAX_AGE = Duration.ofSeconds(30);

    private final Segments segments;
    private final JourneyTriggers triggers;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    SegmentAudiences(Segments segments, JourneyTriggers triggers) {
        this.segments = segments;
        this.triggers = triggers;
    }

    @Override
    public String kind() {
        return "segment";
    }

    @Override
    public boolean exists(String key) {
        return segments.find(key).isPresent();
    }

    @Override
    public Optional<List<Long>> members(String key) {
        if (segments.find(key).isEmpty()) {
            return Optional.empty();
        }
        List<Long> ids = new ArrayList<>();
        long after = 0;
        while (true) {
            List<SegmentMember> page = segments.members(key, after, PAGE);
            page.forEach(member -> ids.add(member.profileId()));
            if (page.size() < PAGE) {
                return Optional.of(ids);
            }
            after = page.get(page.size() - 1).profileId();
        }
    }

    @Override
    public Set<Long> membersAmong(String key, Collection<Long> profileIds) {
        Cached cached = cache.get(key);
        if (cached == null || Duration.between(cached.at, Instant.now()).compareTo(MEMBERS_MAX_AGE) > 0) {
            cached = new Cached(new HashSet<>(members(key).orElse(List.of())), Instant.now());
            cache.put(key, cached);
        }
        Set<Long> among = new HashSet<>();
        for (Long id : profileIds) {
            if (cached.members.contains(id)) {
                among.add(id);
            }
        }
        return among;
    }

    /** A person entered or left a segment: journeys with that trigger let them in. */
    @EventListener
    void on(SegmentMembershipChanged change) {
        cache.remove(change.segmentKey());
        triggers.segmentChanged(change.segmentKey(), change.profileId(), change.entered(),
                change.segmentId() + ":" + change.changedAt());
    }

    private record Cached(Set<Long> members, Instant at) {}
}
