package io.lotse.server.engage;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Double opt-in for marketing email, as German courts require it: a subscription request sends a neutral
 * confirmation mail (no advertising, only the link), and only the click on that link, confirmed with a button, is
 * consent. The proof is kept: the address, when and from which IP and browser the request came, the exact version
 * of the consent text, and when and from where it was confirmed. A confirmation lifts an earlier unsubscribe.
 */
@Component
class DoubleOptIn {

    /** Confirmation mails sent to one address within a day at most, so that nobody can flood a stranger's inbox. */
    static final int REQUESTS_PER_DAY = 3;

    /** A stored proof. */
    record Proof(long id, String email, @Nullable Long profileId, ConsentText consentText, String source,
                 Instant requestedAt, String requestIp, @Nullable String requestAgent, @Nullable Instant confirmedAt,
                 @Nullable String confirmIp, @Nullable String confirmAgent) {}

    /** The answer to a request. */
    record Requested(long proofId, boolean mailSent, String outcome) {}

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final PublicLinks links;
    private final Tokens tokens;
    private final SuppressionList suppressions;
    private final EngageEvents events;
    private final MessageSource messages;

    DoubleOptIn(JdbcClient jdbc, Outbox outbox, PublicLinks links, Tokens tokens, SuppressionList suppressions,
                EngageEvents events, MessageSource messages) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.links = links;
        this.tokens = tokens;
        this.suppressions = suppressions;
        this.events = events;
        this.messages = messages;
    }

    /** The current (highest) version of the consent text for a purpose in a language, falling back to English. */
    Optional<ConsentText> currentText(String purpose, String locale) {
        return jdbc.sql("""
                SELECT id, purpose, version, locale, text FROM engage_consent_texts WHERE purpose = ?
                ORDER BY (locale = ?) DESC, (locale = 'en') DESC, version DESC LIMIT 1""")
                .params(purpose, locale).query((rs, n) -> new ConsentText(rs.getLong(1), rs.getString(2),
                        rs.getInt(3), rs.getString(4), rs.getString(5))).optional();
    }

    Optional<ConsentText> text(long id) {
        return jdbc.sql("SELECT id, purpose, version, locale, text FROM engage_consent_texts WHERE id = ?").param(id)
                .query((rs, n) -> new ConsentText(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5))).optional();
    }

    /** Stores a new version of a consent text; returns it. */
    ConsentText newVersion(String purpose, String locale, String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("a consent text must not be empty");
        }
        long id = jdbc.sql("""
                INSERT INTO engage_consent_texts (purpose, version, locale, text, created_at)
                SELECT ?, coalesce(max(version), 0) + 1, ?, ?, now() FROM engage_consent_texts
                WHERE purpose = ? AND locale = ? RETURNING id""")
                .params(purpose, locale, text.strip(), purpose, locale).query(Long.class).single();
        return text(id).orElseThrow();
    }

    /**
     * Records a subscription request and sends the confirmation mail.
     *
     * @throws IllegalArgumentException when the address is not an address
     */
    Requested request(String rawEmail, ConsentText consentText, String ip, @Nullable String userAgent, String source,
                      @Nullable Long profileId, Locale locale) {
        String email = rawEmail.strip();
        if (!EmailAddresses.valid(email)) {
            throw new IllegalArgumentException("'" + rawEmail + "' is not an email address");
        }
        long proofId = jdbc.sql("""
                INSERT INTO engage_consent_proofs (email, profile_id, consent_text_id, source, requested_at, request_ip,
                                                   request_agent)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(email, profileId, consentText.id(), source, Timestamp.from(Instant.now()), ip,
                        userAgent == null ? null : truncate(userAgent, 500))
                .query(Long.class).single();
        long recent = jdbc.sql("SELECT count(*) FROM engage_consent_proofs WHERE lower(email) = ? AND requested_at > ? "
                        + "AND delivery_id IS NOT NULL")
                .params(Tokens.normalise(email), Timestamp.from(Instant.now().minus(Duration.ofDays(1))))
                .query(Long.class).single();
        if (recent >= REQUESTS_PER_DAY) {
            return new Requested(proofId, false, "too many requests for this address today");
        }
        Optional<SuppressionReason> reason = suppressions.reasonOf(email);
        if (reason.isPresent() && !reason.get().liftedByNewConsent()) {
            return new Requested(proofId, false, "the address is suppressed (" + reason.get().column() + ")");
        }
        String link = links.confirm(proofId, locale.getLanguage().isEmpty() ? "en" : locale.getLanguage());
        Object[] args = {link};
        String subject = messages.getMessage("engage.doi.mail.subject", null, locale);
        String text = messages.getMessage("engage.doi.mail.text", args, locale);
        String html = "<p>" + MessageTemplate.escape(messages.getMessage("engage.doi.mail.intro", null, locale))
                + "</p><p><a href=\"" + MessageTemplate.escape(link) + "\">"
                + MessageTemplate.escape(messages.getMessage("engage.doi.mail.button", null, locale)) + "</a></p><p>"
                + MessageTemplate.escape(messages.getMessage("engage.doi.mail.ignore", null, locale)) + "</p>";
        Content content = Content.compile(escapeTokens(subject), escapeTokens(html), escapeTokens(text));
        Person person = new Person(profileId == null ? 0 : profileId, null, email,
                JsonNodeFactory.instance.objectNode(), false, Map.of(), List.of(), java.util.Set.of());
        DeliveryStore.Outcome outcome = outbox.sendNow(DeliveryKind.CONFIRMATION, null, person, email, content,
                "confirmation", "", true);
        jdbc.sql("UPDATE engage_consent_proofs SET delivery_id = ? WHERE id = ?").params(outcome.id(), proofId).update();
        return new Requested(proofId, outcome.status() == DeliveryStatus.SENT, outcome.status().column());
    }

    /** The proof a confirmation token belongs to. */
    Optional<Proof> byToken(String token) {
        return tokens.verify(Tokens.Purpose.CONFIRM, token).flatMap(this::proof);
    }

    /**
     * Confirms the subscription of a token: records when and from where, lifts an earlier unsubscribe and grants
     * the email consent on the person's profile. Confirming again changes nothing.
     */
    Optional<Proof> confirm(String token, String ip, @Nullable String userAgent) {
        Optional<Proof> proof = byToken(token);
        if (proof.isEmpty()) {
            return proof;
        }
        Proof found = proof.get();
        if (found.confirmedAt() != null) {
            return proof;
        }
        jdbc.sql("UPDATE engage_consent_proofs SET confirmed_at = ?, confirm_ip = ?, confirm_agent = ? "
                        + "WHERE id = ? AND confirmed_at IS NULL")
                .params(Timestamp.from(Instant.now()), ip, userAgent == null ? null : truncate(userAgent, 500),
                        found.id()).update();
        suppressions.liftAfterNewConsent(found.email());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("list", "newsletter");
        properties.put("double_opt_in", "confirmed");
        properties.put("consent_text_id", found.consentText().id());
        properties.put("consent_text_version", found.consentText().version());
        properties.put("consent_text_locale", found.consentText().locale());
        properties.put("source", found.source());
        events.track("Newsletter Confirmed", "doi-" + found.id(), null, found.email(), properties,
                Map.of(found.consentText().purpose(), true));
        return proof(found.id());
    }

    Optional<Proof> proof(long id) {
        return jdbc.sql("""
                SELECT p.id, p.email, p.profile_id, t.id, t.purpose, t.version, t.locale, t.text, p.source,
                       p.requested_at, p.request_ip, p.request_agent, p.confirmed_at, p.confirm_ip, p.confirm_agent
                FROM engage_consent_proofs p JOIN engage_consent_texts t ON t.id = p.consent_text_id WHERE p.id = ?""")
                .param(id).query((rs, n) -> {
                    long profile = rs.getLong(3);
                    Long profileId = rs.wasNull() ? null : profile;
                    Timestamp confirmed = rs.getTimestamp(13);
                    return new Proof(rs.getLong(1), rs.getString(2), profileId, new ConsentText(rs.getLong(4),
                            rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8)), rs.getString(9),
                            rs.getTimestamp(10).toInstant(), rs.getString(11), rs.getString(12),
                            confirmed == null ? null : confirmed.toInstant(), rs.getString(14), rs.getString(15));
                }).optional();
    }

    /** The proofs kept for an address, newest first. */
    List<Proof> proofsOf(String email) {
        return jdbc.sql("SELECT id FROM engage_consent_proofs WHERE lower(email) = ? ORDER BY id DESC")
                .param(Tokens.normalise(email)).query(Long.class).list().stream()
                .map(this::proof).flatMap(Optional::stream).toList();
    }

    /** Keeps literal braces of fixed texts from being read as tokens. */
    private static String escapeTokens(String text) {
        return text.replace("{{", "{ {");
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
