package io.lotse.server.engage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Stored email templates; a template is compiled before it is saved, so a broken one is refused at once. */
@Component
class TemplateStore {

    private static final String COLUMNS =
            "id, name, subject, html, text_body, ai_generated, approved_by, approved_at, updated_at";

    private final JdbcClient jdbc;

    TemplateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Saves a new template.
     *
     * @throws TemplateException when a part does not compile or a field is empty
     */
    EmailTemplate create(String name, String subject, String html, String text, boolean aiGenerated) {
        validate(name, subject, html, text);
        Timestamp now = Timestamp.from(Instant.now());
        long id = jdbc.sql("""
                INSERT INTO engage_templates (name, subject, html, text_body, ai_generated, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(name.strip(), subject, html, text, aiGenerated, now, now).query(Long.class).single();
        return find(id).orElseThrow();
    }

    /** Changes a template; a change to generated copy needs approval again. Empty when it does not exist. */
    Optional<EmailTemplate> update(long id, String name, String subject, String html, String text) {
        validate(name, subject, html, text);
        int changed = jdbc.sql("""
                UPDATE engage_templates SET name = ?, subject = ?, html = ?, text_body = ?, updated_at = ?,
                       approved_by = CASE WHEN ai_generated THEN NULL ELSE approved_by END,
                       approved_at = CASE WHEN ai_generated THEN NULL ELSE approved_at END
                WHERE id = ?""")
                .params(name.strip(), subject, html, text, Timestamp.from(Instant.now()), id).update();
        return changed == 0 ? Optional.empty() : find(id);
    }

    /** Records that a person approved generated copy for sending. */
    Optional<EmailTemplate> approve(long id, String approvedBy) {
        jdbc.sql("UPDATE engage_templates SET approved_by = ?, approved_at = ? WHERE id = ?")
                .params(approvedBy, Timestamp.from(Instant.now()), id).update();
        return find(id);
    }

    Optional<EmailTemplate> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM engage_templates WHERE id = ?").param(id).query(this::map)
                .optional();
    }

    List<EmailTemplate> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM engage_templates ORDER BY updated_at DESC").query(this::map).list();
    }

    private static void validate(String name, String subject, String html, String text) {
        if (name.isBlank()) {
            throw new TemplateException("A template needs a name.");
        }
        if (subject.isBlank()) {
            throw new TemplateException("A template needs a subject line.");
        }
        if (html.isBlank() && text.isBlank()) {
            throw new TemplateException("A template needs an HTML or a text body.");
        }
        Content.compile(subject, html, text.isBlank() ? html : text);
    }

    private EmailTemplate map(ResultSet rs, int row) throws SQLException {
        Timestamp approvedAt = rs.getTimestamp(8);
        return new EmailTemplate(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBoolean(6), rs.getString(7), approvedAt == null ? null : approvedAt.toInstant(),
                rs.getTimestamp(9).toInstant());
    }
}
