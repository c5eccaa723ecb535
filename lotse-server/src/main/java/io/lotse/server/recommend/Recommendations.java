package io.lotse.server.recommend;

import io.lotse.engine.recommend.PersonHistory;
import io.lotse.engine.recommend.Recommendation;
import io.lotse.engine.recommend.Recommender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Answers "what should this person see here?" from the model in memory, the person's live visit and the
 * placement's rules.
 *
 * <p>The person's own data (purchases, views) are used only with their consent to personalisation: the latest
 * choice made in the live visit or, failing that, stored in their profile. Without a granted choice they get the
 * non-personal fallback: popularity, trending and what relates to the products in view.
 */
@Service
public class Recommendations {

    private final RecommendationModels models;
    private final LiveSessions sessions;
    private final PersonDirectory directory;
    private final PlacementStore placements;
    private final ReasonTexts reasons;
    private final Timer latency;

    Recommendations(RecommendationModels models, LiveSessions sessions, PersonDirectory directory,
                    PlacementStore placements, ReasonTexts reasons, MeterRegistry meters) {
        this.models = models;
        this.sessions = sessions;
        this.directory = directory;
        this.placements = placements;
        this.reasons = reasons;
        this.latency = Timer.builder("lotse.recommend.latency")
                .description("Time to compute one list of recommendations")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(meters);
    }

    /**
     * Recommends products.
     *
     * @throws UnknownProfileException when a profile id was given that no profile has
     */
    public RecommendationList recommend(RecommendationRequest request, Locale locale) {
        long start = System.nanoTime();
        try {
            return answer(request, locale);
        } finally {
            latency.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private RecommendationList answer(RecommendationRequest request, Locale locale) {
        TrainedModel model = models.current();
        Instant now = Instant.now();
        PersonDirectory.Person person = person(request);
        List<String> liveKeys = liveKeys(request, person);
        LiveSession.Choice liveChoice = sessions.consent(liveKeys);
        LiveSession.Choice choice = liveChoice != null && (person.consent() == null
                || !liveChoice.at().isBefore(person.consent().at())) ? liveChoice : person.consent();
        boolean personal = choice != null && choice.granted();

        ProductCatalogue catalogue = model.catalogue();
        PersonHistory history = PersonHistory.empty(now.getEpochSecond());
        int[] session = new int[0];
        if (personal) {
            history = withLivePurchases(model.history(personKeys(request, person), now)
                    .orElse(history), sessions.purchases(liveKeys), catalogue, now);
            session = sessions.views(liveKeys).stream()
                    .map(seen -> catalogue.index(seen.product())).flatMap(Optional::stream)
                    .mapToInt(Integer::intValue).toArray();
        }
        int[] anchors = request.productIds().stream().map(String::trim).map(catalogue::index)
                .flatMap(Optional::stream).mapToInt(Integer::intValue).toArray();
        Recommender.Query query = new Recommender.Query(history, session, anchors, personal,
                placements.get(request.placement()).toRules(catalogue), request.limit());
        List<RecommendationList.Item> items = new ArrayList<>();
        for (Recommendation recommendation : model.recommender().recommend(query)) {
            int item = recommendation.item();
            items.add(new RecommendationList.Item(catalogue.id(item), catalogue.name(item), catalogue.category(item),
                    catalogue.price(item), Math.round(recommendation.score() * 1e6) / 1e6,
                    recommendation.source().wireName(), reasons.render(recommendation.reason(), catalogue, locale)));
        }
        return new RecommendationList(request.placement().wireName(), person.profileId(), personal,
                new RecommendationList.Model(model.version(), model.trainedAt()), items);
    }

    private PersonDirectory.Person person(RecommendationRequest request) {
        if (request.profileId() != null) {
            return directory.byProfileId(request.profileId()).orElseThrow(() -> new UnknownProfileException(
                    "No profile " + request.profileId() + "."));
        }
        if (request.userId() != null) {
            return directory.byUserId(request.userId());
        }
        return directory.byAnonymousId(java.util.Objects.requireNonNull(request.anonymousId()));
    }

    /** The ids whose live visits belong to the person: the given id and the profile's user and anonymous ids. */
    private static List<String> liveKeys(RecommendationRequest request, PersonDirectory.Person person) {
        List<String> keys = new ArrayList<>();
        if (request.userId() != null) {
            keys.add(LiveSessions.userKey(request.userId()));
        }
        if (request.anonymousId() != null) {
            keys.add(LiveSessions.anonymousKey(request.anonymousId()));
        }
        person.userIds().forEach(id -> keys.add(LiveSessions.userKey(id)));
        person.anonymousIds().forEach(id -> keys.add(LiveSessions.anonymousKey(id)));
        return keys.stream().distinct().toList();
    }

    /** Keys of the person in the training data: the profile, else the given ids. */
    private static List<String> personKeys(RecommendationRequest request, PersonDirectory.Person person) {
        List<String> keys = new ArrayList<>();
        if (person.profileId() != null) {
            keys.add("p:" + person.profileId());
        }
        if (request.userId() != null) {
            keys.add("u:" + request.userId());
        }
        if (request.anonymousId() != null) {
            keys.add("a:" + request.anonymousId());
        }
        return keys;
    }

    /** The trained history plus what the person bought since, in the live visit. */
    private static PersonHistory withLivePurchases(PersonHistory trained, List<LiveSession.Seen> bought,
                                                   ProductCatalogue catalogue, Instant now) {
        if (bought.isEmpty()) {
            return trained;
        }
        Map<Integer, double[]> entries = new LinkedHashMap<>();
        for (int k = 0; k < trained.size(); k++) {
            entries.put(trained.items()[k], new double[] {trained.counts()[k], trained.lastAt()[k]});
        }
        for (LiveSession.Seen seen : bought) {
            catalogue.index(seen.product()).ifPresent(item -> {
                double[] entry = entries.computeIfAbsent(item, i -> new double[] {0, Long.MIN_VALUE});
                entry[0] += 1;
                entry[1] = Math.max(entry[1], seen.at().getEpochSecond());
            });
        }
        int[] items = entries.keySet().stream().mapToInt(Integer::intValue).toArray();
        double[] counts = Arrays.stream(items).mapToDouble(i -> entries.get(i)[0]).toArray();
        long[] times = Arrays.stream(items).mapToLong(i -> (long) entries.get(i)[1]).toArray();
        return new PersonHistory(items, counts, times, now.getEpochSecond());
    }

    /** A profile id was given that no profile has. */
    public static final class UnknownProfileException extends RuntimeException {
        UnknownProfileException(String message) {
            super(message, null, false, false);
        }
    }
}
