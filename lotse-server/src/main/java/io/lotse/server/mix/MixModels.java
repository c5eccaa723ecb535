package io.lotse.server.mix;

import io.lotse.engine.mix.Allocation;
import io.lotse.engine.mix.BudgetAllocator;
import io.lotse.engine.mix.BudgetRecommender;
import io.lotse.engine.mix.ChannelResult;
import io.lotse.engine.mix.FitDiagnostics;
import io.lotse.engine.mix.Interval;
import io.lotse.engine.mix.LiftTest;
import io.lotse.engine.mix.MixData;
import io.lotse.engine.mix.MixFitter;
import io.lotse.engine.mix.MixModel;
import io.lotse.engine.mix.MixResult;
import io.lotse.engine.mix.MixSettings;
import io.lotse.engine.mix.PlanForecast;
import io.lotse.engine.mix.ResponseCurve;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Marketing-mix models of this installation: fits run one at a time in the background and are stored with their
 * data, parameters and provenance; finished fits answer budget questions and forecast plans.
 */
@Service
public class MixModels {

    private static final Logger log = LoggerFactory.getLogger(MixModels.class);
    /** Weeks whose average spend is the current plan when none is given. */
    public static final int CURRENT_WEEKS = 13;
    private static final int CACHED_FITS = 4;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MixInputs inputs;
    private final FitStore store;
    private final OrderQueries orders;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "mix-fit");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Long, MixResult> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, MixResult> eldest) {
            return size() > CACHED_FITS;
        }
    };

    MixModels(MixInputs inputs, FitStore store, OrderQueries orders, ApplicationEventPublisher events) {
        this.inputs = inputs;
        this.store = store;
        this.orders = orders;
        this.events = events;
    }

    @EventListener(ApplicationReadyEvent.class)
    void failAbandonedFits() {
        int failed = store.failAbandoned(clock.instant());
        if (failed > 0) {
            log.info("Marked {} marketing-mix fits left running by an earlier process as failed", failed);
        }
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    /** Starts a fit in the background and returns it as running. */
    FitSummary startFit(FitRequest request, String actor) {
        MixOutcome outcome = request.outcomeOrDefault();
        MixSettings settings = request.settings();
        ObjectNode settingsNode = ModelCodec.settings(settings);
        settingsNode.put("holidays", request.holidaysOrDefault());
        settingsNode.put("liftTests", request.liftTestsOrDefault());
        long id = store.start(outcome, settingsNode, actor, clock.instant());
        runner.execute(() -> run(id, outcome, settings, request.holidaysOrDefault(), request.liftTestsOrDefault()));
        return store.find(id).orElseThrow();
    }

    private void run(long id, MixOutcome outcome, MixSettings settings, boolean holidays, boolean useLiftTests) {
        try {
            MixData data = inputs.assemble(outcome, holidays);
            List<LiftTest> tests = useLiftTests ? liftTestsFor(data) : List.of();
            MixResult result = MixFitter.fit(data, settings, tests);
            ObjectNode models = NODES.objectNode();
            models.set("model", ModelCodec.model(result.model()));
            ArrayNode replicates = models.putArray("replicates");
            result.replicates().forEach(r -> replicates.add(ModelCodec.model(r)));
            models.set("diagnostics", ModelCodec.diagnostics(result.diagnostics()));
            models.set("provenance", ModelCodec.provenance(result.provenance()));
            store.finish(id, ModelCodec.data(data), models, summary(result), clock.instant());
            synchronized (cache) {
                cache.put(id, result);
            }
            log.info("Marketing-mix fit {} done in {} ms: {} weeks, {} channels, R² {}", id,
                    result.provenance().elapsedMillis(), data.size(), data.channels().size(),
                    String.format(java.util.Locale.ROOT, "%.3f", result.diagnostics().r2()));
            events.publishEvent(new MixFitCompleted(id, FitStore.modelVersion(id)));
        } catch (MixDataException | IllegalArgumentException e) {
            log.info("Marketing-mix fit {} cannot run: {}", id, e.getMessage());
            store.fail(id, e.getMessage(), clock.instant());
        } catch (RuntimeException e) {
            log.error("Marketing-mix fit {} failed", id, e);
            store.fail(id, "The fit failed: " + e, clock.instant());
        }
    }

    /** The stored lift tests that overlap the data's weeks and name one of its channels. */
    private List<LiftTest> liftTestsFor(MixData data) {
        LocalDate first = data.periods().get(0);
        LocalDate last = data.periods().get(data.size() - 1).plusDays(6);
        List<LiftTest> tests = new ArrayList<>();
        for (FitStore.StoredLiftTest stored : store.liftTests()) {
            if (data.channels().contains(stored.channel()) && !stored.to().isBefore(first)
                    && !stored.from().isAfter(last)) {
                tests.add(new LiftTest(stored.channel(), stored.from(), stored.to(), stored.incremental(),
                        stored.lower(), stored.upper()));
            }
        }
        return tests;
    }

    /** The summary kept with the fit for lists: window and channels. */
    private static ObjectNode summary(MixResult result) {
        ObjectNode node = NODES.objectNode();
        node.put("firstWeek", result.provenance().firstPeriod().toString());
        node.put("lastWeek", result.provenance().lastPeriod().toString());
        node.put("weeks", result.provenance().periods());
        ArrayNode channels = node.putArray("channelNames");
        result.provenance().channels().forEach(channels::add);
        node.put("r2", result.diagnostics().r2());
        node.put("nrmse", result.diagnostics().nrmse());
        node.put("elapsedMillis", result.provenance().elapsedMillis());
        return node;
    }

    /** The latest fits, newest first. */
    public List<FitSummary> fits(int limit) {
        return store.list(limit);
    }

    /** A fit by id. */
    public Optional<FitSummary> fit(long id) {
        return store.find(id);
    }

    /** The newest finished fit. */
    public Optional<FitSummary> latest() {
        return store.latestDone();
    }

    /** A finished fit's full result, restored from storage when it is not in memory. */
    Optional<MixResult> result(long id) {
        synchronized (cache) {
            MixResult cached = cache.get(id);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        return store.stored(id).map(stored -> {
            MixData data = ModelCodec.data(stored.input());
            MixModel model = ModelCodec.model(stored.models().path("model"));
            List<MixModel> replicates = new ArrayList<>();
            stored.models().path("replicates").forEach(r -> replicates.add(ModelCodec.model(r)));
            MixResult result = MixFitter.summarise(data, model, replicates,
                    ModelCodec.diagnostics(stored.models().path("diagnostics")),
                    ModelCodec.provenance(stored.models().path("provenance")));
            synchronized (cache) {
                cache.put(id, result);
            }
            return result;
        });
    }

    private MixResult requireResult(long fitId) {
        return result(fitId).orElseThrow(() -> new MixNotFoundException("There is no finished marketing-mix fit "
                + fitId + "."));
    }

    /** Average spend per week of every channel over the fit's last weeks: the current plan. */
    public Map<String, Double> currentWeeklySpend(long fitId) {
        return currentSpend(requireResult(fitId).data());
    }

    private static Map<String, Double> currentSpend(MixData data) {
        Map<String, Double> current = new LinkedHashMap<>();
        int from = Math.max(0, data.size() - CURRENT_WEEKS);
        for (int c = 0; c < data.channels().size(); c++) {
            double[] spend = data.spend(c);
            double sum = 0;
            for (int t = from; t < data.size(); t++) {
                sum += spend[t];
            }
            current.put(data.channels().get(c), sum / (data.size() - from));
        }
        return current;
    }

    /**
     * Answers a budget question from a finished fit: the recommended split with its forecast against the current
     * split, the evidence and the caveats.
     *
     * @throws MixNotFoundException      when there is no such finished fit
     * @throws IllegalArgumentException  when the question cannot be answered (bounds that cannot hold the budget,
     *                                   unknown channels, an unreachable target)
     */
    public BudgetAnswer recommend(long fitId, BudgetQuestion question) {
        MixResult result = requireResult(fitId);
        MixData data = result.data();
        List<String> channels = data.channels();
        if (question.weeks() < 1 || question.weeks() > 104) {
            throw new IllegalArgumentException("a plan covers 1 to 104 weeks, not " + question.weeks());
        }
        LocalDate start = question.start().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Map<String, Double> fallback = currentSpend(data);
        double[] current = new double[channels.size()];
        double[] lower = new double[channels.size()];
        double[] upper = new double[channels.size()];
        double[] maxObserved = new double[channels.size()];
        Map<String, Double> given = question.current() == null ? Map.of() : question.current();
        Map<String, BudgetQuestion.Bounds> bounds = question.bounds() == null ? Map.of() : question.bounds();
        List<String> locked = question.locked() == null ? List.of() : question.locked();
        for (String name : concat(given.keySet(), bounds.keySet(), locked)) {
            if (!channels.contains(name)) {
                throw new IllegalArgumentException("the fit has no channel '" + name + "'; its channels: "
                        + String.join(", ", channels));
            }
        }
        for (int c = 0; c < channels.size(); c++) {
            String name = channels.get(c);
            current[c] = given.getOrDefault(name, fallback.get(name));
            if (!(current[c] >= 0)) {
                throw new IllegalArgumentException("the current spend of " + name + " must be ≥ 0");
            }
            for (double v : data.spend(c)) {
                maxObserved[c] = Math.max(maxObserved[c], v);
            }
            double average = data.totalSpend(c) / data.size();
            BudgetQuestion.Bounds bound = bounds.get(name);
            if (locked.contains(name)) {
                lower[c] = current[c];
                upper[c] = current[c];
            } else if (bound != null) {
                if (!(bound.min() >= 0 && bound.min() <= bound.max())) {
                    throw new IllegalArgumentException("the bounds of " + name + " need 0 ≤ min ≤ max");
                }
                lower[c] = bound.min();
                upper[c] = bound.max();
            } else {
                lower[c] = 0.5 * current[c];
                upper[c] = Math.max(2 * current[c], average);
            }
        }
        List<ResponseCurve> curves = BudgetRecommender.expectedCurves(result);
        double[] anchor;
        double[] recommended;
        double step;
        double budgetPerWeek;
        if (question.targetRoi() != null) {
            Allocation target = BudgetAllocator.forTargetRoi(curves, question.targetRoi(), lower, upper);
            budgetPerWeek = target.budget();
            anchor = current.clone();
            recommended = target.spend();
            step = 1;
        } else {
            budgetPerWeek = question.budget() == null ? sum(current) : question.budget() / question.weeks();
            BudgetRecommender.Recommendation recommendation = BudgetRecommender.recommend(result, current,
                    budgetPerWeek, lower, upper, start, question.weeks());
            anchor = recommendation.anchor();
            recommended = recommendation.recommended();
            step = recommendation.step();
        }
        PlanForecast.Comparison comparison = PlanForecast.compare(result, anchor, recommended, start,
                question.weeks());
        List<BudgetAnswer.ChannelPlan> plans = new ArrayList<>();
        for (int c = 0; c < channels.size(); c++) {
            ChannelResult channel = result.channels().get(c);
            plans.add(new BudgetAnswer.ChannelPlan(channels.get(c), anchor[c], recommended[c], lower[c], upper[c],
                    locked.contains(channels.get(c)), channel.roi(), channel.roiInterval().lower(),
                    channel.roiInterval().upper(), result.model().effect(c).marginalResponse(anchor[c]),
                    maxObserved[c]));
        }
        double level = result.intervalLevel();
        BudgetAnswer.Evidence evidence = evidence(result);
        BudgetAnswer.Estimate relative = estimate(comparison.relative(), comparison.relativeRange(), level);
        List<String> caveats = caveats(result, evidence, plans, relative, step,
                Math.abs(budgetPerWeek - sum(current)) > 0.01 * Math.max(1, sum(current)));
        FitSummary fit = store.find(fitId).orElseThrow();
        return new BudgetAnswer(fitId, fit.modelVersion(), fit.outcome(), start, question.weeks(),
                budgetPerWeek * question.weeks(), plans, step,
                estimate(comparison.current().outcome(), comparison.current().outcomeRange(), level),
                estimate(comparison.proposed().outcome(), comparison.proposed().outcomeRange(), level),
                estimate(comparison.change(), comparison.changeRange(), level), relative, evidence, caveats);
    }

    /** Forecasts a proposed split against the current one, both spend per week by channel. */
    public PlanComparison compare(long fitId, Map<String, Double> current, Map<String, Double> proposed,
                                  LocalDate start, int weeks) {
        MixResult result = requireResult(fitId);
        List<String> channels = result.data().channels();
        double[] now = new double[channels.size()];
        double[] next = new double[channels.size()];
        for (String name : concat(current.keySet(), proposed.keySet(), List.of())) {
            if (!channels.contains(name)) {
                throw new IllegalArgumentException("the fit has no channel '" + name + "'");
            }
        }
        for (int c = 0; c < channels.size(); c++) {
            now[c] = current.getOrDefault(channels.get(c), 0.0);
            next[c] = proposed.getOrDefault(channels.get(c), now[c]);
            if (!(next[c] >= 0 && now[c] >= 0)) {
                throw new IllegalArgumentException("spend must be a number ≥ 0");
            }
        }
        PlanForecast.Comparison comparison = PlanForecast.compare(result, now, next, start, weeks);
        double level = result.intervalLevel();
        return new PlanComparison(estimate(comparison.current().outcome(), comparison.current().outcomeRange(), level),
                estimate(comparison.proposed().outcome(), comparison.proposed().outcomeRange(), level),
                estimate(comparison.change(), comparison.changeRange(), level),
                estimate(comparison.relative(), comparison.relativeRange(), level));
    }

    /** The orders and revenue from {@code from} to {@code to} (inclusive) as far as they have passed. */
    public Actuals actuals(LocalDate from, LocalDate to) {
        LocalDate today = LocalDate.now(clock.withZone(OrderQueries.ZONE));
        LocalDate end = to.isBefore(today) ? to.plusDays(1) : today;
        if (!end.isAfter(from)) {
            return new Actuals(from, to, 0, 0, 0);
        }
        Instant start = from.atStartOfDay(OrderQueries.ZONE).toInstant();
        Instant stop = end.atStartOfDay(OrderQueries.ZONE).toInstant();
        OrderQueries.Week week = orders.between(start, stop);
        return new Actuals(from, to, (int) Duration.between(start, stop).toDays(), week.orders(), week.revenue());
    }

    private static BudgetAnswer.Evidence evidence(MixResult result) {
        FitDiagnostics diagnostics = result.diagnostics();
        List<String> neverPaused = result.channels().stream().filter(c -> c.pausedShare() == 0)
                .map(ChannelResult::channel).toList();
        return new BudgetAnswer.Evidence(result.provenance().firstPeriod(), result.provenance().lastPeriod(),
                result.provenance().periods(), diagnostics.r2(), diagnostics.nrmse(), diagnostics.decompRssd(),
                diagnostics.holdout() == null ? 0 : diagnostics.holdout().periods(),
                diagnostics.holdout() == null ? 0 : diagnostics.holdout().mape(),
                diagnostics.bootstrapReplicates(), result.provenance().liftTests(), neverPaused);
    }

    /** What limits a recommendation; the codes are explained in docs/mix.md and on the cards. */
    static List<String> caveats(MixResult result, BudgetAnswer.Evidence evidence,
                                List<BudgetAnswer.ChannelPlan> plans, BudgetAnswer.Estimate relative, double step,
                                boolean budgetChanged) {
        List<String> caveats = new ArrayList<>();
        if (evidence.weeks() < 26) {
            caveats.add("history_under_half_a_year");
        } else if (evidence.weeks() < 52) {
            caveats.add("history_under_a_year");
        }
        if (evidence.r2() < 0.5 || evidence.holdoutWeeks() > 0 && evidence.holdoutMape() > 0.25) {
            caveats.add("weak_fit");
        }
        if (!evidence.neverPaused().isEmpty()) {
            caveats.add("never_paused");
        }
        if (evidence.liftTests() == 0) {
            caveats.add("no_lift_tests");
        }
        if (relative.lower() < 0) {
            caveats.add("uncertain_gain");
        }
        if (plans.stream().anyMatch(p -> p.recommended() > 1.05 * p.maxObserved())) {
            caveats.add("beyond_observed_spend");
        }
        if (step == 0) {
            caveats.add("kept_current");
        }
        if (budgetChanged) {
            caveats.add("budget_changed");
        }
        if (result.replicates().isEmpty()) {
            caveats.add("no_intervals");
        }
        return caveats;
    }

    private static BudgetAnswer.Estimate estimate(double value, Interval interval, double level) {
        return new BudgetAnswer.Estimate(value, interval.lower(), interval.upper(), level);
    }

    private static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b,
                                       java.util.Collection<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }
}
