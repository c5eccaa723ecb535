package io.lotse.server.service;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A customer's request with everything Lotse prepared for it.
 *
 * @param id               ticket id
 * @param channel          {@code api}, {@code chat}, {@code email} or {@code chatwoot}
 * @param sender           who wrote (an email address or a channel's sender id)
 * @param email            the sender's email, when known
 * @param userId           the logged-in user id, when known
 * @param profileId        the customer's profile, when identity resolution found one
 * @param subject          subject line, if any
 * @param language         {@code de} or {@code en}
 * @param intent           the predicted intent (or {@code out_of_scope})
 * @param confidence       its calibrated confidence
 * @param margin           its margin to the runner-up
 * @param runnerUp         the second-ranked intent
 * @param outOfScope       whether the message fits no intent
 * @param modelVersion     the intent model that classified it
 * @param sentiment        -1 (negative) to 1 (positive)
 * @param urgency          0 to 1
 * @param urgencyLevel     {@code HIGH}, {@code NORMAL} or {@code LOW}
 * @param entities         what the message names
 * @param context          the gathered data ({@link GatheredContext} as JSON)
 * @param notes            what went wrong or needs attention
 * @param suggestedAnswer  the filled answer template
 * @param answerComplete   whether every variable of the answer was known
 * @param status           {@code received}, {@code draft}, {@code auto_answered}, {@code answered} or
 *                         {@code closed}
 * @param correctedIntent  the intent an agent set, when it differed
 * @param reopened         whether the customer wrote again after an automatic answer
 * @param createdAt        when the first message arrived
 * @param firstAnswerAt    when the first answer went out
 * @param answeredBy       {@code automation} or {@code agent}
 * @param messages         the conversation, oldest first
 */
public record Ticket(long id, String channel, String sender, @Nullable String email, @Nullable String userId,
        @Nullable Long profileId, @Nullable String subject, String language, @Nullable String intent,
        @Nullable Double confidence, @Nullable Double margin, @Nullable String runnerUp, boolean outOfScope,
        @Nullable Long modelVersion, double sentiment, double urgency, String urgencyLevel, JsonNode entities,
        JsonNode context, JsonNode notes, @Nullable String suggestedAnswer, boolean answerComplete, String status,
        @Nullable String correctedIntent, boolean reopened, Instant createdAt, @Nullable Instant firstAnswerAt,
        @Nullable String answeredBy, List<Message> messages) {

    public Ticket {
        messages = List.copyOf(messages);
    }

    /** The intent an agent confirmed or corrected, else the predicted one. */
    public @Nullable String effectiveIntent() {
        return correctedIntent != null ? correctedIntent : intent;
    }

    /** Whether the ticket waits for an agent. */
    public boolean open() {
        return "received".equals(status) || "draft".equals(status);
    }

    /**
     * One message of the conversation.
     *
     * @param id        message id
     * @param direction {@code in} (from the customer) or {@code out}
     * @param body      the text
     * @param automated whether Lotse sent it without a person
     * @param author    the customer, {@code lotse} or the agent's name
     * @param createdAt when it was written
     */
    public record Message(long id, String direction, String body, boolean automated, String author,
            Instant createdAt) {}
}
