package io.lotse.server.service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tickets and their messages in PostgreSQL. */
@Component
class TicketStore {

    private static final String COLUMNS = "id, channel, sender, email, user_id, profile_id, subject, language, "
            + "intent, confidence, margin, runner_up, out_of_scope, model_version, sentiment, urgency, urgency_level, "
            + "entities, context, notes, suggested_answer, answer_complete, status, corrected_intent, reopened, "
            + "created_at, first_answer_at, answered_by";

    /**
     * A message as it arrives, before any analysis.
     *
     * @param channel     the channel
     * @param externalRef the channel's id of the conversation (Chatwoot conversation, email thread), if any
     * @param externalId  the channel's id of the message, for deduplication, if any
     * @param sender      who wrote
     * @param email       their email, when known
     * @param userId      their user id, when known
     * @param subject     subject line, if any
     * @param text        the message
     * @param replyTo     what the channel needs to answer (JSON)
     * @param receivedAt  when it arrived
     */
    record Incoming(String channel, @Nullable String externalRef, @Nullable String externalId, String sender,
            @Nullable String email, @Nullable String userId, @Nullable String subject, String text, JsonNode replyTo,
            Instant receivedAt) {}

    /**
     * The analysis of a ticket.
     */
    record Analysis(String language, String intent, double confidence, double margin, String runnerUp,
            boolean outOfScope, long modelVersion, double sentiment, double urgency, String urgencyLevel,
            @Nullable Long profileId, String entities, String context, String notes, String suggestedAnswer,
            boolean answerComplete, String status) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TicketStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores a new ticket with its first message; nothing is analysed yet. */
    @Transactional
    long create(Incoming message) {
        long id = jdbc.sql("INSERT INTO service_tickets (channel, external_ref, sender, email, user_id, subject, "
                        + "language, status, created_at, reply_to) VALUES (?, ?, ?, ?, ?, ?, 'und', 'received', ?, "
                        + "?::jsonb) RETURNING id")
                .params(message.channel(), message.externalRef(), message.sender(), message.email(),
                        message.userId(), message.subject(), Timestamp.from(message.receivedAt()),
                        json.writeValueAsString(message.replyTo()))
                .query(Long.class).single();
        addMessage(id, "in", message.text(), false, message.sender(), message.externalId(), message.receivedAt());
        return id;
    }

    void addMessage(long ticketId, String direction, String body, boolean automated, String author,
            @Nullable String externalId, Instant at) {
        jdbc.sql("INSERT INTO service_messages (ticket_id, direction, body, automated, author, external_id, "
                        + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(ticketId, direction, body, automated, author, externalId, Timestamp.from(at)).update();
    }

    boolean messageKnown(String externalId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM service_messages WHERE external_id = ?)").param(externalId)
                .query(Boolean.class).single();
    }

    void analysed(long id, Analysis analysis) {
        jdbc.sql("UPDATE service_tickets SET language = ?, intent = ?, confidence = ?, margin = ?, runner_up = ?, "
                        + "out_of_scope = ?, model_version = ?, sentiment = ?, urgency = ?, urgency_level = ?, "
                        + "profile_id = ?, entities = ?::jsonb, context = ?::jsonb, notes = ?::jsonb, "
                        + "suggested_answer = ?, answer_complete = ?, status = ? WHERE id = ?")
                .params(analysis.language(), analysis.intent(), analysis.confidence(), analysis.margin(),
                        analysis.runnerUp(), analysis.outOfScope(), analysis.modelVersion(), analysis.sentiment(),
                        analysis.urgency(), analysis.urgencyLevel(), analysis.profileId(), analysis.entities(),
                        analysis.context(), analysis.notes(), analysis.suggestedAnswer(), analysis.answerComplete(),
                        analysis.status(), id)
                .update();
    }

    /** Records an answer sent: the first one sets the time and who answered. */
    void answered(long id, String status, String by, Instant at) {
        jdbc.sql("UPDATE service_tickets SET status = ?, first_answer_at = coalesce(first_answer_at, ?), "
                        + "answered_by = coalesce(answered_by, ?) WHERE id = ?")
                .params(status, Timestamp.from(at), by, id).update();
    }

    void status(long id, String status) {
        jdbc.sql("UPDATE service_tickets SET status = ? WHERE id = ?").params(status, id).update();
    }

    /** A new customer message on a ticket: it waits for an agent again; after an automatic answer it reopens it. */
    void customerWroteAgain(long id) {
        jdbc.sql("UPDATE service_tickets SET reopened = reopened OR coalesce(answered_by = 'automation', false), status = 'draft' "
                + "WHERE id = ?").param(id).update();
    }

    void correct(long id, String intent) {
        jdbc.sql("UPDATE service_tickets SET corrected_intent = ? WHERE id = ?").params(intent, id).update();
    }

    void addNote(long id, Note note) {
        jdbc.sql("UPDATE service_tickets SET notes = notes || ?::jsonb WHERE id = ?")
                .params(json.writeValueAsString(List.of(note)), id).update();
    }

    void suggest(long id, String answer) {
        jdbc.sql("UPDATE service_tickets SET suggested_answer = ? WHERE id = ?").params(answer, id).update();
    }

    /** The ticket holding a message with the given channel id. */
    Optional<Long> ticketOfMessage(String externalId) {
        return jdbc.sql("SELECT ticket_id FROM service_messages WHERE external_id = ?").param(externalId)
                .query(Long.class).optional();
    }

    Optional<Long> byExternalRef(String channel, String externalRef) {
        return jdbc.sql("SELECT id FROM service_tickets WHERE channel = ? AND external_ref = ?")
                .params(channel, externalRef).query(Long.class).optional();
    }

    JsonNode replyTo(long id) {
        return json.readTree(jdbc.sql("SELECT reply_to::text FROM service_tickets WHERE id = ?").param(id)
                .query(String.class).single());
    }

    Optional<Ticket> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM service_tickets WHERE id = ?").param(id)
                .query((rs, row) -> map(rs, messages(id))).optional();
    }

    /** Open tickets, most urgent first, then oldest first. */
    List<Ticket> queue(int limit) {
        return list("WHERE status IN ('received', 'draft') ORDER BY urgency DESC, created_at, id LIMIT ?", limit);
    }

    /** The latest tickets of any status. */
    List<Ticket> recent(int limit) {
        return list("ORDER BY created_at DESC, id DESC LIMIT ?", limit);
    }

    private List<Ticket> list(String clause, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM service_tickets " + clause).param(limit)
                .query((rs, row) -> map(rs, List.of())).list();
    }

    List<GatheredContext.EarlierTicket> earlier(@Nullable Long profileId, @Nullable String email, long excludeId,
            int limit) {
        if (profileId == null && email == null) {
            return List.of();
        }
        return jdbc.sql("SELECT t.id, t.created_at, coalesce(t.corrected_intent, t.intent), t.status, "
                        + "(SELECT left(m.body, 120) FROM service_messages m WHERE m.ticket_id = t.id ORDER BY m.id "
                        + "LIMIT 1) FROM service_tickets t WHERE t.id <> ? AND (t.profile_id = ? OR t.email = ?) "
                        + "ORDER BY t.created_at DESC LIMIT ?")
                .params(excludeId, profileId, email, limit)
                .query((rs, row) -> new GatheredContext.EarlierTicket(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getString(5) == null ? "" : rs.getString(5)))
                .list();
    }

    /** Keeps input that could not be accepted, so that nothing sent is lost. */
    long reject(String channel, String reason, byte[] content, Instant at) {
        return jdbc.sql("INSERT INTO service_rejections (channel, reason, content, received_at) VALUES (?, ?, ?, ?) "
                        + "RETURNING id")
                .params(channel, reason, content, Timestamp.from(at)).query(Long.class).single();
    }

    private List<Ticket.Message> messages(long ticketId) {
        return jdbc.sql("SELECT id, direction, body, automated, author, created_at FROM service_messages "
                        + "WHERE ticket_id = ? ORDER BY id")
                .param(ticketId)
                .query((rs, row) -> new Ticket.Message(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getBoolean(4), rs.getString(5), rs.getTimestamp(6).toInstant()))
                .list();
    }

    private Ticket map(ResultSet rs, List<Ticket.Message> messages) throws SQLException {
        Timestamp firstAnswer = rs.getTimestamp("first_answer_at");
        return new Ticket(rs.getLong("id"), rs.getString("channel"), rs.getString("sender"), rs.getString("email"),
                rs.getString("user_id"), (Long) rs.getObject("profile_id"), rs.getString("subject"),
                rs.getString("language"), rs.getString("intent"), (Double) rs.getObject("confidence"),
                (Double) rs.getObject("margin"), rs.getString("runner_up"), rs.getBoolean("out_of_scope"),
                (Long) rs.getObject("model_version"), rs.getDouble("sentiment"), rs.getDouble("urgency"),
                rs.getString("urgency_level"), json.readTree(rs.getString("entities")),
                json.readTree(rs.getString("context")), json.readTree(rs.getString("notes")),
                rs.getString("suggested_answer"), rs.getBoolean("answer_complete"), rs.getString("status"),
                rs.getString("corrected_intent"), rs.getBoolean("reopened"), rs.getTimestamp("created_at").toInstant(),
                firstAnswer == null ? null : firstAnswer.toInstant(), rs.getString("answered_by"), messages);
    }
}
