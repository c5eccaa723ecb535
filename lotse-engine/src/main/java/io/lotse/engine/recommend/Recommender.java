package io.lotse.engine.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Recommends for one person and placement: feeds each signal its input, blends the signals with the placement's
 * weights, applies the placement's rules and explains every item.
 *
 * <ul>
 *   <li>EASE, ALS and item-kNN score the person's purchases together with the products in view.</li>
 *   <li>Repeat purchase scores the purchases.</li>
 *   <li>V-SKNN scores the live session's views followed by the products in view.</li>
 *   <li>Bought together scores the products in view, or else the person's latest order.</li>
 *   <li>Popularity and trending need no input.</li>
 * </ul>
 *
 * For a person who did not consent to personalisation ({@code personal = false}) purchases and session are
 * ignored: they get popularity, trending and what relates to the products in view, like everybody.
 */
public final class Recommender {

    /**
     * The trained models; any but popularity may be missing, and its signal then counts as absent.
     */
    public record Models(ItemFacts facts, Popularity popularity, @Nullable HistoryScorer ease,
                         @Nullable HistoryScorer als, @Nullable HistoryScorer itemKnn,
                         @Nullable RepeatPurchase repeat, @Nullable SessionKnn session,
                         @Nullable BoughtTogether together) {

        public Models {
            int items = facts.items();
            if (popularity.items() != items) {
                throw new IllegalArgumentException("popularity covers " + popularity.items() + " items, facts "
                        + items);
            }
            for (HistoryScorer model : new HistoryScorer[] {ease, als, itemKnn, repeat}) {
                if (model != null && model.items() != items) {
                    throw new IllegalArgumentException(model.provenance().algorithm() + " covers " + model.items()
                            + " items, facts " + items);
                }
            }
            if (session != null && session.items() != items || together != null && together.items() != items) {
                throw new IllegalArgumentException("every model must cover the " + items + " items of the facts");
            }
        }
    }

    /**
     * One question.
     *
     * @param purchases what the person bought, as of now
     * @param session   the live session's product views, oldest first
     * @param anchors   products in view: the product of a product page, the cart's items
     * @param personal  whether the person's own data may be used (consent to personalisation)
     * @param rules     the placement's blend and rules
     * @param limit     how many items at most
     */
    public record Query(PersonHistory purchases, int[] session, int[] anchors, boolean personal, PlacementRules rules,
                        int limit) {

        public Query {
            if (limit < 0) {
                throw new IllegalArgumentException("limit must not be negative, was " + limit);
            }
        }
    }

    private final Models models;
    private final int[] byPopularity;

    public Recommender(Models models) {
        this.models = models;
        double[] popular = new double[models.facts().items()];
        models.popularity().score(PersonHistory.empty(0), popular);
        this.byPopularity = TopItems.ranked(popular, 0);
    }

    public Models models() {
        return models;
    }

    public int items() {
        return models.facts().items();
    }

    public List<Recommendation> recommend(Query query) {
        int items = items();
        PersonHistory purchases = query.personal() ? query.purchases() : PersonHistory.empty(query.purchases().asOf());
        int[] anchors = Arrays.stream(query.anchors()).filter(a -> a >= 0 && a < items).distinct().toArray();
        int[] session = query.personal() ? Arrays.stream(query.session()).filter(a -> a >= 0 && a < items).toArray()
                : new int[0];
        PersonHistory basis = withAnchors(purchases, anchors);
        int[] sessionInput = concat(session, anchors);
        int[] togetherInput = anchors.length > 0 ? anchors : latestOrder(purchases);
        PlacementRules rules = query.rules();

        List<Blender.Source> sources = new ArrayList<>();
        addHistory(sources, Signal.EASE, models.ease(), basis, rules);
        addHistory(sources, Signal.ALS, models.als(), basis, rules);
        addHistory(sources, Signal.ITEM_KNN, models.itemKnn(), basis, rules);
        addHistory(sources, Signal.REPEAT, models.repeat(), purchases, rules);
        SessionKnn.Neighbourhood neighbourhood = null;
        if (models.session() != null && sessionInput.length > 0 && rules.weight(Signal.SESSION) > 0) {
            double[] scores = new double[items];
            neighbourhood = models.session().neighbourhood(sessionInput);
            neighbourhood.score(scores);
            sources.add(new Blender.Source(Signal.SESSION, rules.weight(Signal.SESSION), scores));
        }
        if (models.together() != null && togetherInput.length > 0 && rules.weight(Signal.TOGETHER) > 0) {
            double[] scores = new double[items];
            models.together().score(togetherInput, scores);
            sources.add(new Blender.Source(Signal.TOGETHER, rules.weight(Signal.TOGETHER), scores));
        }
        if (rules.weight(Signal.POPULAR) > 0) {
            double[] scores = new double[items];
            models.popularity().score(purchases, scores);
            sources.add(new Blender.Source(Signal.POPULAR, rules.weight(Signal.POPULAR), scores));
        }
        if (rules.weight(Signal.TRENDING) > 0) {
            double[] scores = new double[items];
            models.popularity().trending(scores);
            sources.add(new Blender.Source(Signal.TRENDING, rules.weight(Signal.TRENDING), scores));
        }
        Blender.Blend blend = Blender.blend(sources, rules.normalisation(), items);
        List<RuleStage.Selected> selected = RuleStage.select(blend, models.facts(), rules, purchases, anchors,
                byPopularity, query.limit());
        List<Recommendation> result = new ArrayList<>(selected.size());
        for (RuleStage.Selected item : selected) {
            result.add(new Recommendation(item.item(), item.score(), item.source(),
                    reason(item.source(), item.item(), purchases, basis, neighbourhood, togetherInput)));
        }
        return result;
    }

    private static void addHistory(List<Blender.Source> sources, Signal signal, @Nullable HistoryScorer model,
                                   PersonHistory input, PlacementRules rules) {
        if (model == null || input.isEmpty() || !(rules.weight(signal) > 0)) {
            return;
        }
        double[] scores = new double[model.items()];
        model.score(input, scores);
        sources.add(new Blender.Source(signal, rules.weight(signal), scores));
    }

    private Reason reason(Signal source, int item, PersonHistory bought, PersonHistory basis,
                          SessionKnn.@Nullable Neighbourhood session, int[] together) {
        int evidence = switch (source) {
            case EASE -> evidenceOf(models.ease(), basis, item);
            case ALS -> evidenceOf(models.als(), basis, item);
            case ITEM_KNN -> evidenceOf(models.itemKnn(), basis, item);
            case REPEAT -> item;
            case SESSION -> session == null ? -1 : session.evidence(item);
            case TOGETHER -> models.together() == null ? -1 : models.together().evidence(together, item);
            case POPULAR, TRENDING -> -1;
        };
        if (evidence >= 0) {
            return switch (source) {
                case EASE, ALS, ITEM_KNN -> Reason.aboutItem(bought.contains(evidence) ? Reason.Kind.BOUGHT
                        : Reason.Kind.SIMILAR, evidence);
                case REPEAT -> Reason.aboutItem(Reason.Kind.BUY_AGAIN, evidence);
                case SESSION -> Reason.aboutItem(Reason.Kind.VIEWED, evidence);
                case TOGETHER -> Reason.aboutItem(Reason.Kind.BOUGHT_TOGETHER, evidence);
                case POPULAR, TRENDING -> throw new IllegalStateException("popularity has no evidence");
            };
        }
        if (source == Signal.TRENDING) {
            return Reason.of(Reason.Kind.TRENDING);
        }
        int category = models.facts().categoryOf(item);
        return category >= 0 ? Reason.popularIn(category) : Reason.of(Reason.Kind.POPULAR);
    }

    private static int evidenceOf(@Nullable HistoryScorer model, PersonHistory basis, int item) {
        return model == null ? -1 : model.evidence(basis, item);
    }

    /** The purchases plus the products in view (once each, as of now). */
    static PersonHistory withAnchors(PersonHistory purchases, int[] anchors) {
        int[] extra = Arrays.stream(anchors).filter(a -> !purchases.contains(a)).toArray();
        if (extra.length == 0) {
            return purchases;
        }
        int n = purchases.size();
        int[] items = Arrays.copyOf(purchases.items(), n + extra.length);
        double[] counts = Arrays.copyOf(purchases.counts(), n + extra.length);
        long[] times = Arrays.copyOf(purchases.lastAt(), n + extra.length);
        for (int k = 0; k < extra.length; k++) {
            items[n + k] = extra[k];
            counts[n + k] = 1;
            times[n + k] = purchases.asOf();
        }
        return new PersonHistory(items, counts, times, purchases.asOf());
    }

    /** The items bought at the latest purchase time of the history. */
    private static int[] latestOrder(PersonHistory purchases) {
        long latest = Long.MIN_VALUE;
        for (long at : purchases.lastAt()) {
            latest = Math.max(latest, at);
        }
        List<Integer> items = new ArrayList<>();
        for (int k = 0; k < purchases.size(); k++) {
            if (purchases.lastAt()[k] == latest) {
                items.add(purchases.items()[k]);
            }
        }
        return items.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] concat(int[] first, int[] second) {
        int[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
