package io.lotse.server.engage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** GreenMail as the SMTP and IMAP server, and people to send to, for the engage tests. */
final class EngageTestSupport {

    static final String BOUNCE_MAILBOX = "bounces@lotse-test.example";

    private EngageTestSupport() {}

    /** GreenMail on the ports the test server sends to and reads bounces from, one per test class. */
    static GreenMailExtension greenMail() {
        return new GreenMailExtension(new ServerSetup[] {
                new ServerSetup(LotseServerTest.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(LotseServerTest.IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(BOUNCE_MAILBOX, BOUNCE_MAILBOX, "bounces"))
                .withPerMethodLifecycle(false);
    }

    /** A person who subscribed to marketing email (or not), with a few products looked at; returns the profile. */
    static JsonNode person(ServerClient client, String firstName, boolean consent, String domain) {
        String userId = ServerClient.unique("engage");
        String email = userId + "@" + domain;
        client.sendOk("/v1/identify", """
                {"userId":"%s","traits":{"email":"%s","firstName":"%s","consent":{"email":%s}}}"""
                .formatted(userId, email, firstName, consent));
        for (String product : List.of("p-kettle", "p-teapot")) {
            client.sendOk("/v1/track", """
                    {"userId":"%s","event":"Product Viewed","properties":{"product_id":"%s","name":"Product %s",
                     "price":19.9,"currency":"EUR","url":"https://shop.example/%s"}}"""
                    .formatted(userId, product, product, product));
        }
        return client.awaitProfile("userId", userId, p -> p.path("stats").path("events").asLong() == 3
                && p.path("consents").has("email"));
    }

    static String userId(JsonNode profile) {
        for (JsonNode identity : profile.path("identities")) {
            if (identity.path("type").asString().equals("user_id")) {
                return identity.path("value").asString();
            }
        }
        throw new AssertionError("the profile has no user id: " + profile);
    }

    static String email(JsonNode profile) {
        return profile.path("traits").path("email").asString();
    }

    /** The messages GreenMail received for an address. */
    static List<MimeMessage> messagesTo(GreenMailExtension greenMail, String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Waits until GreenMail has a message for the address and returns it. */
    static MimeMessage awaitMessageTo(GreenMailExtension greenMail, String address) {
        return ServerClient.eventually(() -> {
            List<MimeMessage> messages = messagesTo(greenMail, address);
            return messages.isEmpty() ? null : messages.get(messages.size() - 1);
        });
    }
}
