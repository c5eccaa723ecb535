package io.lotse.server.decide;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Decision cards, their audit trail and the budget plans, in PostgreSQL. */
@Repository
class DecisionStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DecisionStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * A stored card.
     *
     * @param id             its id
     * @param kind           what it decides, e.g. budget_mix
     * @param status         proposed, approved, rejected or superseded
     * @param fitId          the model fit behind it
     * @param modelVersion   that fit's model version
     * @param createdAt      when it was proposed
     * @param periodStart    first day of the plan
     * @param periodEnd      last day of the plan
     * @param budget         total budget of the plan
     * @param card           the recommendation, texts and evidence
     * @param finalPlan      the plan as approved (edited or not), null before
     * @param decidedAt      when it was decided
     * @param decidedBy      by whom
     * @param comment        the decision's comment
     */
    record StoredCard(long id, String kind, String status, long fitId, String modelVersion, Instant createdAt,
                      LocalDate periodStart, LocalDate periodEnd, double budget, JsonNode card,
                      @Nullable JsonNode finalPlan, @Nullable Instant decidedAt, @Nullable String decidedBy,
                      @Nullable String comment) {
    }

    /**
     * One step of the audit trail.
     *
     * @param action       proposed, approved, edited, rejected or superseded
     * @param actor        who
     * @param at           when
     * @param modelVersion the model version the step concerned
     * @param comment      the comment given
     * @param details      what changed
     */
    public record AuditEntry(String action, String actor, Instant at, String modelVersion, @Nullable String comment,
                      JsonNode details) {
    }

    private static final String CARD = """
            SELECT id, kind, status, fit_id, model_version, created_at, period_start, period_end, budget,
                   card::text, final_plan::text, decided_at, decided_by, decision_comment
            FROM decision_cards""";

    private StoredCard card(ResultSet rs, int row) throws SQLException {
        String finalPlan = rs.getString(11);
        Timestamp decided = rs.getTimestamp(12);
        return new StoredCard(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getDate(7).toLocalDate(), rs.getDate(8).toLocalDate(),
                rs.getDouble(9), json.readTree(rs.getString(10)), finalPlan == null ? null : json.readTree(finalPlan),
                decided == null ? null : decided.toInstant(), rs.getString(13), rs.getString(14));
    }

    long insert(String kind, long fitId, String modelVersion, Instant at, LocalDate start, LocalDate end,
                double budget, JsonNode card) {
        return jdbc.sql("""
                        INSERT INTO decision_cards (kind, status, fit_id, model_version, created_at, period_start,
                                                    period_end, budget, card)
                        VALUES (?, 'proposed', ?, ?, ?, ?, ?, ?, ?::jsonb) RETURNING id""")
                .params(kind, fitId, modelVersion, Timestamp.from(at), Date.valueOf(start), Date.valueOf(end), budget,
                        json.writeValueAsString(card))
                .query(Long.class).single();
    }

    Optional<StoredCard> find(long id) {
        return jdbc.sql(CARD + " WHERE id = ?").param(id).query(this::card).optional();
    }

    /** Locks the card's row for a decision, so that two decisions cannot both apply. */
    Optional<StoredCard> lock(long id) {
        return jdbc.sql(CARD + " WHERE id = ? FOR UPDATE").param(id).query(this::card).optional();
    }

    List<StoredCard> list(@Nullable String status, int limit) {
        if (status == null) {
            return jdbc.sql(CARD + " ORDER BY created_at DESC, id DESC LIMIT ?").param(limit).query(this::card).list();
        }
        return jdbc.sql(CARD + " WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ?").params(status, limit)
                .query(this::card).list();
    }

    /** Proposed cards of a kind, to be superseded by a newer one. */
    List<StoredCard> proposed(String kind) {
        return jdbc.sql(CARD + " WHERE status = 'proposed' AND kind = ? ORDER BY id").param(kind).query(this::card)
                .list();
    }

    void decide(long id, String status, @Nullable JsonNode finalPlan, Instant at, String actor,
                @Nullable String comment) {
        jdbc.sql("""
                        UPDATE decision_cards SET status = ?, final_plan = ?::jsonb, decided_at = ?, decided_by = ?,
                               decision_comment = ? WHERE id = ?""")
                .params(status, finalPlan == null ? null : json.writeValueAsString(finalPlan), Timestamp.from(at),
                        actor, comment, id)
                .update();
    }

    void supersede(long id) {
        jdbc.sql("UPDATE decision_cards SET status = 'superseded' WHERE id = ? AND status = 'proposed'").param(id)
                .update();
    }

    void audit(long cardId, String action, String actor, Instant at, String modelVersion, @Nullable String comment,
               JsonNode details) {
        jdbc.sql("""
                        INSERT INTO decision_audit (card_id, action, actor, at, model_version, comment, details)
                        VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)""")
                .params(cardId, action, actor, Timestamp.from(at), modelVersion, comment,
                        json.writeValueAsString(details))
                .update();
    }

    List<AuditEntry> auditOf(long cardId) {
        return jdbc.sql("""
                        SELECT action, actor, at, model_version, comment, details::text FROM decision_audit
                        WHERE card_id = ? ORDER BY at, id""")
                .param(cardId)
                .query((rs, row) -> new AuditEntry(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getString(5), json.readTree(rs.getString(6))))
                .list();
    }

    /**
     * The active budget plan.
     *
     * @param id          its id
     * @param cardId      the card that made it active
     * @param periodStart first day
     * @param periodEnd   last day
     * @param plan        spend per week and channel
     * @param activatedAt when
     * @param activatedBy by whom
     */
    record BudgetPlan(long id, long cardId, LocalDate periodStart, LocalDate periodEnd, JsonNode plan,
                      Instant activatedAt, String activatedBy) {
    }

    void activate(long cardId, LocalDate start, LocalDate end, JsonNode plan, Instant at, String actor) {
        jdbc.sql("UPDATE budget_plans SET active = false WHERE active").update();
        jdbc.sql("""
                        INSERT INTO budget_plans (card_id, period_start, period_end, plan, activated_at, activated_by,
                                                  active)
                        VALUES (?, ?, ?, ?::jsonb, ?, ?, true)""")
                .params(cardId, Date.valueOf(start), Date.valueOf(end), json.writeValueAsString(plan),
                        Timestamp.from(at), actor)
                .update();
    }

    Optional<BudgetPlan> activePlan() {
        return jdbc.sql("""
                        SELECT id, card_id, period_start, period_end, plan::text, activated_at, activated_by
                        FROM budget_plans WHERE active""")
                .query((rs, row) -> new BudgetPlan(rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate(),
                        rs.getDate(4).toLocalDate(), json.readTree(rs.getString(5)), rs.getTimestamp(6).toInstant(),
                        rs.getString(7)))
                .optional();
    }
}
