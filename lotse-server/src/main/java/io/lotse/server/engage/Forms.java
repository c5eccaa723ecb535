package io.lotse.server.engage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hosted forms: their definitions, and submissions, which are checked field by field, filtered for spam (a honeypot
 * field and a rate limit per address), stored, and written to the event log as an identify call (the values become
 * traits of the person the email address identifies) and a {@code Form Submitted} event (which journeys can be
 * triggered by), which also links the submission to the person's profile. A ticked consent checkbox starts a double opt-in for the consent text version the form showed, or,
 * for a form without double opt-in, grants the consent at once with the submission as its proof.
 */
@Service
class Forms implements EngageLog.LoggedEventHandler {

    /** A field hidden from people; bots fill it, which marks their submission as spam. */
    static final String HONEYPOT = "website_url";
    /** The consent checkbox. */
    static final String CONSENT = "consent";
    /** The hidden field naming the consent text version the form showed. */
    static final String CONSENT_TEXT = "consent_text";
    /** The hidden field of a form on a landing page: the signed view it was shown in, for conversions. */
    static final String LANDING_VIEW = "lp_view";
    /** The event every accepted submission is recorded as. */
    static final String SUBMITTED_EVENT = "Form Submitted";

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");
    private static final String COLUMNS =
            "key, name, fields::text, consent_purpose, double_opt_in, success_message, updated_at";

    /**
     * A form.
     *
     * @param key            its address under {@code /e/f/}
     * @param name           its title
     * @param definition     the fields
     * @param consentPurpose the consent purpose its checkbox asks for, or null for no checkbox
     * @param doubleOptIn    whether the consent needs the confirmation mail (always for marketing email)
     * @param successMessage shown after a submission
     */
    record Form(String key, String name, FormDefinition definition, @Nullable String consentPurpose,
                boolean doubleOptIn, String successMessage, Instant updatedAt) {}

    /** What became of a submission. */
    sealed interface Outcome permits Accepted, Invalid, Limited {}

    /**
     * Stored (or, for spam, silently dropped: the sender sees the same answer).
     *
     * @param submissionId the stored submission, 0 for dropped spam
     * @param proofId      the double opt-in proof it started, or null
     */
    record Accepted(long submissionId, @Nullable Long proofId) implements Outcome {

        boolean spam() {
            return submissionId == 0;
        }
    }

    /** Refused: an error code per field (required, invalid_email, too_long, ...); nothing is stored. */
    record Invalid(Map<String, String> errors, Map<String, String> submitted) implements Outcome {}

    /** Refused: too many submissions from this address lately. */
    record Limited() implements Outcome {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final FormRateLimit rateLimit;
    private final DoubleOptIn doubleOptIn;
    private final EngageEvents events;
    private final TransactionTemplate transactions;

    Forms(JdbcClient jdbc, JsonMapper json, FormRateLimit rateLimit, DoubleOptIn doubleOptIn, EngageEvents events,
          TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.rateLimit = rateLimit;
        this.doubleOptIn = doubleOptIn;
        this.events = events;
        this.transactions = transactions;
    }

    /**
     * Creates or replaces a form.
     *
     * @throws IllegalArgumentException naming what is wrong with the key, the fields or the consent purpose
     */
    Form save(String key, String name, JsonNode fields, @Nullable String consentPurpose, boolean doubleOptIn,
              @Nullable String successMessage) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("A form key has 1 to 60 lower-case letters, digits and '-', was '"
                    + key + "'.");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("A form needs a name.");
        }
        FormDefinition definition = FormDefinition.parse(fields);
        for (FormDefinition.Field field : definition.fields()) {
            if (Set.of(CONSENT, CONSENT_TEXT, HONEYPOT, LANDING_VIEW).contains(field.name())) {
                throw new IllegalArgumentException("The field name '" + field.name() + "' is reserved.");
            }
        }
        String purpose = consentPurpose == null || consentPurpose.isBlank() ? null : consentPurpose.strip();
        if (purpose != null && this.doubleOptIn.currentText(purpose, "en").isEmpty()) {
            throw new IllegalArgumentException("There is no consent text for the purpose '" + purpose + "'.");
        }
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                INSERT INTO engage_forms (key, name, fields, consent_purpose, double_opt_in, success_message,
                                          created_at, updated_at)
                VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET name = excluded.name, fields = excluded.fields,
                    consent_purpose = excluded.consent_purpose, double_opt_in = excluded.double_opt_in,
                    success_message = excluded.success_message, updated_at = excluded.updated_at""")
                .params(key, name.strip(), json.writeValueAsString(fields), purpose, doubleOptIn,
                        successMessage == null ? "" : successMessage.strip(), now, now)
                .update();
        return find(key).orElseThrow();
    }

    Optional<Form> find(String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM engage_forms WHERE key = ?").param(key).query(this::map)
                .optional();
    }

    List<Form> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM engage_forms ORDER BY key").query(this::map).list();
    }

    /** The consent text a form shows now, in a language; empty for a form without consent checkbox. */
    Optional<ConsentText> consentText(Form form, Locale locale) {
        return form.consentPurpose() == null ? Optional.empty()
                : doubleOptIn.currentText(form.consentPurpose(), locale.getLanguage());
    }

    /**
     * Takes a submission.
     *
     * @param submitted the posted values by field name
     * @param ip        the sender's address, for the rate limit and the proof of consent
     * @param source    where it came from beyond the form, e.g. a landing page; null for the form itself
     * @throws NotFoundException for an unknown form
     */
    Outcome submit(String key, Map<String, String> submitted, String ip, @Nullable String userAgent, Locale locale,
                   @Nullable String source) {
        Form form = find(key).orElseThrow(() -> new NotFoundException("form", key));
        if (!rateLimit.allow(key, ip, Instant.now())) {
            return new Limited();
        }
        if (!submitted.getOrDefault(HONEYPOT, "").isBlank()) {
            return new Accepted(0, null);
        }
        FormDefinition.Checked checked = form.definition().check(submitted);
        Map<String, String> errors = new LinkedHashMap<>(checked.errors());
        boolean consented = form.consentPurpose() != null && isTicked(submitted.get(CONSENT));
        ConsentText text = null;
        if (consented) {
            text = shownConsentText(form, submitted.get(CONSENT_TEXT), locale);
            if (text == null) {
                errors.put(CONSENT, "invalid_consent_text");
            }
        }
        if (!errors.isEmpty()) {
            return new Invalid(errors, submitted);
        }
        String email = String.valueOf(checked.values().get("email"));
        ConsentText consentText = text;
        long submissionId = transactions.execute(status -> jdbc.sql("""
                INSERT INTO engage_form_submissions (form_key, email, "values", consent_text_id, ip, user_agent,
                                                     submitted_at)
                VALUES (?, ?, ?::jsonb, ?, ?, ?, ?) RETURNING id""")
                .params(key, email, json.writeValueAsString(checked.values()),
                        consentText == null ? null : consentText.id(), ip,
                        userAgent == null ? null : userAgent.substring(0, Math.min(500, userAgent.length())),
                        Timestamp.from(Instant.now()))
                .query(Long.class).single());
        ObjectNode traits = JsonNodeFactory.instance.objectNode();
        checked.values().forEach((name, value) -> {
            if (value instanceof Boolean flag) {
                traits.put(name, flag);
            } else if (value instanceof Double number) {
                traits.put(name, number);
            } else {
                traits.put(name, String.valueOf(value));
            }
        });
        events.identify("form-" + submissionId, null, email, traits);
        Long proofId = null;
        Map<String, Boolean> grantedNow = Map.of();
        if (consentText != null && form.doubleOptIn()) {
            proofId = doubleOptIn.request(email, consentText, ip, userAgent, "form:" + key, null, locale).proofId();
            jdbc.sql("UPDATE engage_form_submissions SET proof_id = ? WHERE id = ?").params(proofId, submissionId)
                    .update();
        } else if (consentText != null) {
            grantedNow = Map.of(consentText.purpose(), true);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("form_key", key);
        properties.put("submission_id", submissionId);
        if (source != null) {
            properties.put("source", source);
        }
        if (consentText != null) {
            properties.put("consent_text_id", consentText.id());
            properties.put("consent_text_version", consentText.version());
            properties.put("double_opt_in", form.doubleOptIn() ? "requested" : "not_required");
        }
        events.track(SUBMITTED_EVENT, "form-submitted-" + submissionId, null, email, properties, grantedNow);
        return new Accepted(submissionId, proofId);
    }

    @Override
    public Set<String> trackedEvents() {
        return Set.of(SUBMITTED_EVENT);
    }

    /** Links each submission to the profile its {@code Form Submitted} event was resolved to. */
    @Override
    public void handle(List<EngageLog.Event> events) {
        for (EngageLog.Event event : events) {
            if (event.profileId() != null && SUBMITTED_EVENT.equals(event.event())) {
                long submission = json.readTree(event.properties()).path("submission_id").asLong(0);
                if (submission > 0) {
                    jdbc.sql("UPDATE engage_form_submissions SET profile_id = ? WHERE id = ?")
                            .params(event.profileId(), submission).update();
                }
            }
        }
    }

    /** A stored submission, for the form's owner. */
    record Submission(long id, @Nullable String email, JsonNode values, @Nullable Long consentTextId,
                      @Nullable Long proofId, String ip, Instant submittedAt) {}

    /** The latest submissions of a form, newest first. */
    List<Submission> submissions(String key, int limit) {
        return jdbc.sql("""
                SELECT id, email, "values"::text, consent_text_id, proof_id, ip, submitted_at
                FROM engage_form_submissions WHERE form_key = ? ORDER BY id DESC LIMIT ?""")
                .params(key, limit).query((rs, n) -> {
                    long text = rs.getLong(4);
                    Long textId = rs.wasNull() ? null : text;
                    long proof = rs.getLong(5);
                    Long proofId = rs.wasNull() ? null : proof;
                    return new Submission(rs.getLong(1), rs.getString(2), json.readTree(rs.getString(3)), textId,
                            proofId, rs.getString(6), rs.getTimestamp(7).toInstant());
                }).list();
    }

    /** Submissions per form. */
    Map<String, Long> submissionCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT form_key, count(*) FROM engage_form_submissions GROUP BY form_key")
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    /**
     * The consent text version the form showed (named by the hidden field), which must be a text of the form's
     * purpose; the current one when the field is missing.
     */
    private @Nullable ConsentText shownConsentText(Form form, @Nullable String shown, Locale locale) {
        if (shown == null || shown.isBlank()) {
            return consentText(form, locale).orElse(null);
        }
        try {
            return doubleOptIn.text(Long.parseLong(shown.strip()))
                    .filter(t -> t.purpose().equals(form.consentPurpose())).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean isTicked(@Nullable String value) {
        return value != null && (value.equals("on") || value.equals("true") || value.equals("1"));
    }

    private Form map(ResultSet rs, int row) throws SQLException {
        return new Form(rs.getString(1), rs.getString(2), FormDefinition.parse(json.readTree(rs.getString(3))),
                rs.getString(4), rs.getBoolean(5), rs.getString(6), rs.getTimestamp(7).toInstant());
    }
}
