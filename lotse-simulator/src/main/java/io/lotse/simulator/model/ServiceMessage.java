package io.lotse.simulator.model;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A customer-service message and its true meaning.
 *
 * @param id               message id
 * @param channel          {@code email}, {@code chat} or {@code contact_form}
 * @param language         {@code de} or {@code en}
 * @param fromEmail        sender address
 * @param subject          subject line (email and contact form), or null
 * @param text             the message as typed, typos included
 * @param timestamp        when it arrived
 * @param personId         true sender (truth)
 * @param intent           true intent, or {@code out_of_scope} (truth)
 * @param templateId       the template line it was generated from (truth)
 * @param paraphraseGroup  the family of paraphrases the template belongs to; split train and test by it (truth)
 * @param orderNumber      the order it is about, or null (truth; the text may omit the number)
 * @param mentionedEmails  email addresses in the text (truth)
 * @param typos            typos injected (truth)
 */
public record ServiceMessage(String id, String channel, String language, String fromEmail, @Nullable String subject,
        String text, Instant timestamp, String personId, String intent, String templateId, String paraphraseGroup,
        @Nullable String orderNumber, List<String> mentionedEmails, int typos) {

    /** The intent of messages that fit none of the shop's intents. */
    public static final String OUT_OF_SCOPE = "out_of_scope";

    /** Whether the message fits none of the intents. */
    public boolean outOfScope() {
        return OUT_OF_SCOPE.equals(intent);
    }
}
