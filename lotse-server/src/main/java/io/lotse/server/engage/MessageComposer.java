package io.lotse.server.engage;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.email.EmailPopulatingBuilder;
import org.simplejavamail.email.EmailBuilder;
import org.springframework.stereotype.Component;

/**
 * Turns a rendered message into an email with the headers mailbox providers expect of bulk mail: RFC 8058
 * one-click unsubscribe ({@code List-Unsubscribe} with an HTTPS link and {@code List-Unsubscribe-Post}),
 * {@code List-Id}, a {@code Feedback-ID} for providers' complaint loops, and {@code X-Lotse-Delivery} with a
 * signed token, which bounce and complaint reports carry back so they can be matched to the message.
 */
@Component
class MessageComposer {

    static final String DELIVERY_HEADER = "X-Lotse-Delivery";

    private final EngageProperties.Mail mail;
    private final PublicLinks links;
    private final Tokens tokens;
    private final String senderDomain;

    MessageComposer(EngageProperties properties, PublicLinks links, Tokens tokens) {
        this.mail = properties.mail();
        this.links = links;
        this.tokens = tokens;
        this.senderDomain = SuppressionList.domainOf(mail.from());
    }

    /**
     * An email of a marketing kind (with unsubscribe headers) or a transactional one (a confirmation).
     *
     * @param marketing whether it is marketing: then it gets the list and unsubscribe headers
     * @param topic     the list it belongs to, e.g. {@code newsletter}
     */
    Email compose(long deliveryId, String to, RenderedMessage message, boolean marketing, String topic,
                  @Nullable Long campaignId) {
        EmailPopulatingBuilder builder = EmailBuilder.startingBlank()
                .from(mail.fromName(), mail.from())
                .to(to)
                .withSubject(message.subject())
                .withPlainText(message.text())
                .fixingMessageId("<" + deliveryId + "." + UUID.randomUUID() + "@" + senderDomain + ">")
                .withHeader(DELIVERY_HEADER, tokens.token(Tokens.Purpose.UNSUBSCRIBE, deliveryId));
        if (!message.html().isEmpty()) {
            builder.withHTMLText(message.html());
        }
        if (mail.replyTo() != null && !mail.replyTo().isBlank()) {
            builder.withReplyTo(mail.replyTo());
        }
        if (marketing) {
            builder.withHeader("List-Unsubscribe", "<" + links.unsubscribe(deliveryId) + ">")
                    .withHeader(DkimSigning.ONE_CLICK_HEADER, "List-Unsubscribe=One-Click")
                    .withHeader("List-Id", "<" + topic + "." + senderDomain + ">")
                    .withHeader("Feedback-ID", (campaignId == null ? "journey" : "c" + campaignId) + ":" + topic
                            + ":lotse");
        }
        return builder.buildEmail();
    }
}
