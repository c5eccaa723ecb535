package io.lotse.server.recommend;

import io.lotse.engine.recommend.Recommendation;
import io.lotse.server.engage.RecommendationSource;
import io.lotse.server.engage.RecommendedItem;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The recommendations blocks of messages and landing pages: what the {@code email} placement recommends to each
 * person, from the model in memory with that placement's blend and rules (inactive and out-of-stock products left
 * out, already-bought and category rules, caps, boosts and burials).
 *
 * <p>A person's purchases are used only with their consent to personalisation, as stored in their profile when the
 * batch is loaded or given later in a live visit; everybody else gets the non-personal fallback (popularity and
 * trending), which is the same for all of them and so ranked once per batch. Each item carries its reason in the
 * person's language (German when their {@code locale} or {@code language} trait says so, else English).
 *
 * <p>A batch costs one query (the profiles' consents and ids); everything else is in memory. Before the first
 * training the model knows no products, and the blocks stay empty.
 */
@Component
@Order(0)
class MessageRecommendations implements RecommendationSource {

    /** Products without a tracked name cannot be shown; ask for this many more to fill the block anyway. */
    private static final int SPARE = 4;

    private final RecommendationModels models;
    private final Recommendations recommendations;
    private final PersonDirectory directory;
    private final ReasonTexts reasons;
    private final Timer batches;

    MessageRecommendations(RecommendationModels models, Recommendations recommendations, PersonDirectory directory,
                           ReasonTexts reasons, MeterRegistry meters) {
        this.models = models;
        this.recommendations = recommendations;
        this.directory = directory;
        this.reasons = reasons;
        this.batches = Timer.builder("lotse.recommend.message.batch")
                .description("Time to recommend for one batch of message recipients").register(meters);
    }

    @Override
    public Map<Long, List<RecommendedItem>> recommendationsFor(Collection<Long> profileIds, int limit) {
        return batches.record(() -> recommend(profileIds, limit));
    }

    private Map<Long, List<RecommendedItem>> recommend(Collection<Long> profileIds, int limit) {
        Map<Long, List<RecommendedItem>> answer = new HashMap<>(profileIds.size() * 2);
        if (profileIds.isEmpty() || limit < 1) {
            return answer;
        }
        TrainedModel model = models.current();
        int wanted = Math.min(limit + SPARE, RecommendationRequest.MAX_LIMIT);
        Map<Long, PersonDirectory.Addressee> addressees = directory.addressees(profileIds);
        List<Recommendation> fallback = null;
        Map<Locale, List<RecommendedItem>> fallbackItems = new HashMap<>();
        for (Long profileId : profileIds) {
            PersonDirectory.Addressee addressee = addressees.get(profileId);
            if (addressee == null) {
                continue;
            }
            PersonDirectory.Person person = addressee.person();
            Locale locale = locale(addressee.language());
            List<String> liveKeys = Recommendations.liveKeys(null, person);
            if (recommendations.personal(person, liveKeys)) {
                List<Recommendation> ranked = recommendations.rank(model, Placement.EMAIL, true,
                        personKeys(profileId, person), liveKeys, List.of(), wanted);
                answer.put(profileId, items(ranked, model.catalogue(), locale, limit));
            } else {
                if (fallback == null) {
                    fallback = recommendations.rank(model, Placement.EMAIL, false, List.of(), List.of(), List.of(),
                            wanted);
                }
                List<Recommendation> nonPersonal = fallback;
                answer.put(profileId, fallbackItems.computeIfAbsent(locale,
                        l -> items(nonPersonal, model.catalogue(), l, limit)));
            }
        }
        return answer;
    }

    /** The person's keys in the training data: the profile first, then their user ids (orders before the profile). */
    private static List<String> personKeys(long profileId, PersonDirectory.Person person) {
        List<String> keys = new ArrayList<>(1 + person.userIds().size());
        keys.add("p:" + profileId);
        person.userIds().forEach(id -> keys.add("u:" + id));
        return keys;
    }

    private List<RecommendedItem> items(List<Recommendation> ranked, ProductCatalogue catalogue, Locale locale,
                                        int limit) {
        List<RecommendedItem> items = new ArrayList<>(limit);
        for (Recommendation recommendation : ranked) {
            if (items.size() == limit) {
                break;
            }
            int item = recommendation.item();
            String name = catalogue.name(item);
            if (name == null) {
                continue;
            }
            ProductCatalogue.Presentation shown = catalogue.presentation(item);
            Double price = catalogue.price(item);
            items.add(new RecommendedItem(catalogue.id(item), name, shown.url(), shown.imageUrl(),
                    price == null ? null : BigDecimal.valueOf(price), shown.currency(),
                    reasons.render(recommendation.reason(), catalogue, locale).text()));
        }
        return List.copyOf(items);
    }

    /** German for a German language tag, else English: the languages Lotse has texts in. */
    static Locale locale(@Nullable String languageTag) {
        if (languageTag == null || languageTag.isBlank()) {
            return Locale.ENGLISH;
        }
        Locale tagged = Locale.forLanguageTag(languageTag.trim().replace('_', '-'));
        return tagged.getLanguage().equals(Locale.GERMAN.getLanguage()) ? Locale.GERMAN : Locale.ENGLISH;
    }
}
