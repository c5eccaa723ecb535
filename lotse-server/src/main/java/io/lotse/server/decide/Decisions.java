package io.lotse.server.decide;

import io.lotse.server.mix.Actuals;
import io.lotse.server.mix.BudgetAnswer;
import io.lotse.server.mix.BudgetQuestion;
import io.lotse.server.mix.FitSummary;
import io.lotse.server.mix.MixFitCompleted;
import io.lotse.server.mix.MixModels;
import io.lotse.server.mix.MixOutcome;
import io.lotse.server.mix.PlanComparison;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decision cards for the budget: every finished marketing-mix fit proposes a split for next month (superseding
 * the proposals before it); the marketer approves, edits or rejects it with a comment; an approved plan becomes
 * the active budget plan and, next time, the current split the new recommendation starts from.
 */
@Service
class Decisions {

    static final String BUDGET = "budget_mix";
    private static final Logger log = LoggerFactory.getLogger(Decisions.class);
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private final MixModels models;
    private final DecisionStore store;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    Decisions(MixModels models, DecisionStore store, JsonMapper json) {
        this.models = models;
        this.store = store;
        this.json = json;
    }

    @EventListener
    void on(MixFitCompleted completed) {
        try {
            propose(completed.fitId(), null, null, "lotse");
        } catch (RuntimeException e) {
            log.warn("No budget card for fit {}: {}", completed.fitId(), e.getMessage());
        }
    }

    /**
     * Proposes a budget split for a month from a fit, superseding earlier proposals.
     *
     * @param fitId  the fit, null for the latest finished
     * @param month  the month, null for next month
     * @param budget the month's total budget, null for the current weekly spend times the month's weeks
     */
    @Transactional
    CardView propose(@Nullable Long fitId, @Nullable YearMonth month, @Nullable Double budget, String actor) {
        FitSummary fit = (fitId == null ? models.latest() : models.fit(fitId).filter(FitSummary::done))
                .orElseThrow(() -> new DecisionException(DecisionException.Kind.NOT_FOUND,
                        fitId == null ? "No marketing-mix fit has finished yet." : "Fit " + fitId
                                + " has not finished successfully."));
        YearMonth target = month == null ? YearMonth.now(clock.withZone(ZONE)).plusMonths(1) : month;
        LocalDate start = target.atDay(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        int weeks = 0;
        for (LocalDate monday = start; monday.getMonth() == target.getMonth(); monday = monday.plusWeeks(1)) {
            weeks++;
        }
        LocalDate end = start.plusWeeks(weeks).minusDays(1);
        Optional<DecisionStore.BudgetPlan> active = store.activePlan();
        Map<String, Double> current = null;
        String currentSource = "last_13_weeks";
        if (active.isPresent()) {
            Map<String, Double> fallback = models.currentWeeklySpend(fit.id());
            current = new LinkedHashMap<>();
            for (String channel : fit.channels()) {
                JsonNode value = active.get().plan().path(channel);
                current.put(channel, value.isNumber() ? value.asDouble() : fallback.getOrDefault(channel, 0.0));
            }
            currentSource = "active_plan";
        }
        BudgetAnswer answer;
        try {
            answer = models.recommend(fit.id(), new BudgetQuestion(start, weeks, budget, current, null, null, null));
        } catch (IllegalArgumentException e) {
            throw new DecisionException(DecisionException.Kind.BAD_REQUEST, e.getMessage());
        }
        ObjectNode card = json.createObjectNode();
        card.set("answer", json.valueToTree(answer));
        card.set("english", json.valueToTree(CardText.english(answer, CardText.period(start, weeks,
                CardText.ENGLISH))));
        card.set("german", json.valueToTree(CardText.german(answer, CardText.period(start, weeks,
                CardText.GERMAN))));
        card.put("currentSource", currentSource);
        Instant now = clock.instant();
        for (DecisionStore.StoredCard older : store.proposed(BUDGET)) {
            store.supersede(older.id());
            store.audit(older.id(), "superseded", actor, now, fit.modelVersion(), null,
                    json.createObjectNode().put("by", fit.modelVersion()));
        }
        long id = store.insert(BUDGET, fit.id(), fit.modelVersion(), now, start, end, answer.budget(), card);
        ObjectNode details = json.createObjectNode();
        details.put("budget", answer.budget());
        details.put("relativeChange", answer.relativeChange().value());
        store.audit(id, "proposed", actor, now, fit.modelVersion(), null, details);
        return view(id).orElseThrow();
    }

    /** Approves the recommendation as it stands. */
    @Transactional
    CardView approve(long id, String actor, @Nullable String comment) {
        DecisionStore.StoredCard card = proposed(id);
        BudgetAnswer answer = answer(card);
        Map<String, Double> plan = new LinkedHashMap<>();
        answer.channels().forEach(c -> plan.put(c.channel(), c.recommended()));
        PlanComparison forecast = new PlanComparison(answer.current(), answer.recommended(), answer.change(),
                answer.relativeChange());
        decide(card, "approved", "approved", false, plan, forecast, actor, comment);
        return view(id).orElseThrow();
    }

    /** Approves a changed plan: spend per week by channel; channels left out keep the recommendation. */
    @Transactional
    CardView edit(long id, Map<String, Double> changes, String actor, @Nullable String comment) {
        DecisionStore.StoredCard card = proposed(id);
        BudgetAnswer answer = answer(card);
        Map<String, Double> current = new LinkedHashMap<>();
        Map<String, Double> plan = new LinkedHashMap<>();
        for (BudgetAnswer.ChannelPlan channel : answer.channels()) {
            current.put(channel.channel(), channel.current());
            plan.put(channel.channel(), channel.recommended());
        }
        for (Map.Entry<String, Double> change : changes.entrySet()) {
            if (!plan.containsKey(change.getKey())) {
                throw new DecisionException(DecisionException.Kind.BAD_REQUEST, "The card has no channel '"
                        + change.getKey() + "'; its channels: " + String.join(", ", plan.keySet()));
            }
            if (change.getValue() == null || !(change.getValue() >= 0) || change.getValue().isInfinite()) {
                throw new DecisionException(DecisionException.Kind.BAD_REQUEST, "The spend of " + change.getKey()
                        + " must be a number ≥ 0.");
            }
            plan.put(change.getKey(), change.getValue());
        }
        PlanComparison forecast;
        try {
            forecast = models.compare(card.fitId(), current, plan, answer.start(), answer.weeks());
        } catch (IllegalArgumentException e) {
            throw new DecisionException(DecisionException.Kind.BAD_REQUEST, e.getMessage());
        }
        decide(card, "approved", "edited", true, plan, forecast, actor, comment);
        return view(id).orElseThrow();
    }

    /** Rejects the recommendation; the comment says why and is required. */
    @Transactional
    CardView reject(long id, String actor, @Nullable String comment) {
        if (comment == null || comment.isBlank()) {
            throw new DecisionException(DecisionException.Kind.BAD_REQUEST,
                    "Say why the recommendation is rejected: the comment is required.");
        }
        DecisionStore.StoredCard card = proposed(id);
        Instant now = clock.instant();
        store.decide(id, "rejected", null, now, actor, comment.strip());
        store.audit(id, "rejected", actor, now, card.modelVersion(), comment.strip(), json.createObjectNode());
        return view(id).orElseThrow();
    }

    private void decide(DecisionStore.StoredCard card, String status, String action, boolean edited,
                        Map<String, Double> plan, PlanComparison forecast, String actor, @Nullable String comment) {
        Instant now = clock.instant();
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        ObjectNode approved = json.createObjectNode();
        approved.put("edited", edited);
        approved.set("plan", json.valueToTree(plan));
        approved.set("forecast", json.valueToTree(forecast));
        store.decide(card.id(), status, approved, now, actor, note);
        store.activate(card.id(), card.periodStart(), card.periodEnd(), json.valueToTree(plan), now, actor);
        ObjectNode details = json.createObjectNode();
        details.set("plan", json.valueToTree(plan));
        details.put("relativeChange", forecast.relativeChange().value());
        store.audit(card.id(), action, actor, now, card.modelVersion(), note, details);
    }

    private DecisionStore.StoredCard proposed(long id) {
        DecisionStore.StoredCard card = store.lock(id).orElseThrow(() -> new DecisionException(
                DecisionException.Kind.NOT_FOUND, "There is no decision card " + id + "."));
        if (!card.status().equals("proposed")) {
            throw new DecisionException(DecisionException.Kind.CONFLICT, "Card " + id + " is " + card.status()
                    + " already; only proposed cards can be decided.");
        }
        return card;
    }

    private BudgetAnswer answer(DecisionStore.StoredCard card) {
        return json.treeToValue(card.card().path("answer"), BudgetAnswer.class);
    }

    /** The newest cards, optionally of one status. */
    List<CardView> list(@Nullable String status, int limit) {
        List<CardView> views = new ArrayList<>();
        for (DecisionStore.StoredCard card : store.list(status, limit)) {
            views.add(view(card));
        }
        return views;
    }

    Optional<CardView> view(long id) {
        return store.find(id).map(this::view);
    }

    Optional<DecisionStore.BudgetPlan> activePlan() {
        return store.activePlan();
    }

    private CardView view(DecisionStore.StoredCard card) {
        BudgetAnswer answer = answer(card);
        CardView.Approved approved = null;
        Map<String, Double> approvedPlan = Map.of();
        if (card.finalPlan() != null) {
            approvedPlan = new LinkedHashMap<>();
            for (var entry : card.finalPlan().path("plan").properties()) {
                approvedPlan.put(entry.getKey(), entry.getValue().asDouble());
            }
            approved = new CardView.Approved(card.finalPlan().path("edited").asBoolean(), approvedPlan,
                    json.treeToValue(card.finalPlan().path("forecast"), PlanComparison.class));
        }
        List<CardView.PlanLine> lines = new ArrayList<>();
        for (BudgetAnswer.ChannelPlan plan : answer.channels()) {
            lines.add(new CardView.PlanLine(plan.channel(), plan.current(), plan.recommended(),
                    approvedPlan.get(plan.channel()), plan.min(), plan.max(), plan.roi(), plan.roiLower(),
                    plan.roiUpper(), plan.marginalRoi()));
        }
        CardView.Decision decision = card.decidedAt() == null ? null
                : new CardView.Decision(card.decidedAt(), card.decidedBy() == null ? "" : card.decidedBy(),
                        card.comment());
        return new CardView(card.id(), card.kind(), card.status(), card.fitId(), card.modelVersion(),
                card.createdAt(), card.periodStart(), card.periodEnd(), answer.weeks(), card.budget(),
                answer.outcome().key(), json.treeToValue(card.card().path("english"), CardText.Texts.class),
                json.treeToValue(card.card().path("german"), CardText.Texts.class), lines, answer.step(),
                answer.current(), answer.recommended(), answer.change(), answer.relativeChange(), answer.evidence(),
                card.card().path("currentSource").asString("last_13_weeks"), approved, decision,
                store.auditOf(card.id()), approved == null ? null : actuals(card, answer.outcome(), approved));
    }

    /** The outcome so far against the approved plan's forecast, pro rata for the days passed. */
    private CardView.@Nullable ActualsView actuals(DecisionStore.StoredCard card, MixOutcome outcome,
                                                   CardView.Approved approved) {
        Actuals actuals = models.actuals(card.periodStart(), card.periodEnd());
        if (actuals.daysSeen() == 0) {
            return null;
        }
        int days = (int) ChronoUnit.DAYS.between(card.periodStart(), card.periodEnd()) + 1;
        double share = (double) actuals.daysSeen() / days;
        BudgetAnswer.Estimate forecast = approved.forecast().proposed();
        double actual = actuals.of(outcome);
        double lower = forecast.lower() * share;
        double upper = forecast.upper() * share;
        String verdict = actual < lower ? "below" : actual > upper ? "above" : "within";
        return new CardView.ActualsView(actuals.daysSeen(), days, actual, forecast.value() * share, lower, upper,
                verdict);
    }
}
