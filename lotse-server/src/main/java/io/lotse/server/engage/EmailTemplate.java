package io.lotse.server.engage;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored email template.
 *
 * @param id          template id
 * @param name        the name marketers know it by
 * @param subject     subject line with tokens
 * @param html        HTML body with tokens
 * @param text        plain-text body with tokens
 * @param aiGenerated whether the copy was proposed by a language model
 * @param approvedBy  who approved generated copy for sending; null while unapproved
 * @param approvedAt  when
 * @param updatedAt   last change
 */
record EmailTemplate(long id, String name, String subject, String html, String text, boolean aiGenerated,
                     @Nullable String approvedBy, @Nullable Instant approvedAt, Instant updatedAt) {

    /** Whether it may be sent: written by a person, or generated and approved by one. */
    boolean sendable() {
        return !aiGenerated || approvedAt != null;
    }

    Content compile() {
        return Content.compile(subject, html, text.isBlank() ? PlainText.fromHtml(html) : text);
    }
}
