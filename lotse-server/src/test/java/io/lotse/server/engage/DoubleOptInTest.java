package io.lotse.server.engage;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.ServerClient.Response;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Double opt-in: a neutral confirmation mail, consent only after the confirmation, and the proof kept. */
@LotseServerTest
class DoubleOptInTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = EngageTestSupport.greenMail();

    @LocalServerPort
    int port;

    private ServerClient client;

    @BeforeEach
    void connect() {
        client = new ServerClient(port);
    }

    @Test
    void aConfirmedSubscriptionKeepsItsProofAndGrantsTheConsent() throws Exception {
        String email = ServerClient.unique("doi") + "@mail.example";
        Instant before = Instant.now();
        Response requested = client.admin("POST", "/api/v1/engage/subscriptions", """
                {"email":"%s","ip":"203.0.113.7","userAgent":"Browser/1.0","locale":"de","source":"footer form"}"""
                .formatted(email));
        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        assertThat(requested.json().path("confirmationSent").asBoolean()).isTrue();
        long proofId = requested.json().path("proofId").asLong();

        MimeMessage mail = EngageTestSupport.awaitMessageTo(GREEN_MAIL, email);
        assertThat(mail.getSubject()).isEqualTo("Bitte bestätigen Sie Ihre Anmeldung");
        String raw = GreenMailUtil.getWholeMessage(mail);
        assertThat(mail.getHeader("List-Unsubscribe")).as("a confirmation is no marketing mail").isNull();
        assertThat(raw).doesNotContain("/e/c/").as("no tracking, no advertising");
        Matcher link = Pattern.compile("(http://[^\\s\"<]+/e/confirm/[A-Za-z0-9_-]+(?:\\?lang=[a-z]+)?)")
                .matcher(raw.replace("=\r\n", "").replace("=3D", "="));
        assertThat(link.find()).isTrue();

        // before the click nothing is granted
        assertThat(client.get("/api/v1/engage/subscriptions/proofs/" + proofId).json().path("confirmedAt").isNull())
                .isTrue();

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(link.group(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).as("opening the link (as a scanner would) only shows the button")
                .contains("Ja, Anmeldung bestätigen").contains("Newsletter");
        assertThat(client.get("/api/v1/engage/subscriptions/proofs/" + proofId).json().path("confirmedAt").isNull())
                .isTrue();

        HttpResponse<String> confirmed = http.send(HttpRequest.newBuilder(URI.create(link.group(1)))
                .header("User-Agent", "Browser/2.0").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(confirmed.statusCode()).isEqualTo(200);

        JsonNode proof = client.get("/api/v1/engage/subscriptions/proofs/" + proofId).json();
        assertThat(proof.path("email").asString()).isEqualTo(email);
        assertThat(proof.path("requestIp").asString()).isEqualTo("203.0.113.7");
        assertThat(proof.path("requestAgent").asString()).isEqualTo("Browser/1.0");
        assertThat(Instant.parse(proof.path("requestedAt").asString())).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(proof.path("consentText").path("version").asInt()).isEqualTo(1);
        assertThat(proof.path("consentText").path("locale").asString()).isEqualTo("de");
        assertThat(proof.path("consentText").path("text").asString()).startsWith("Ja, ich möchte den Newsletter");
        assertThat(proof.path("source").asString()).isEqualTo("footer form");
        assertThat(Instant.parse(proof.path("confirmedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(proof.path("requestedAt").asString()));
        assertThat(proof.path("confirmIp").asString()).isEqualTo("127.0.0.1");
        assertThat(proof.path("confirmAgent").asString()).isEqualTo("Browser/2.0");

        JsonNode profile = client.awaitProfile("email", email,
                p -> p.path("consents").path("email").path("granted").asBoolean(false));
        assertThat(profile.path("consents").path("email").path("messageId").asString()).isEqualTo("lotse-engage-doi-" + proofId);

        // confirming twice changes nothing
        http.send(HttpRequest.newBuilder(URI.create(link.group(1))).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(client.get("/api/v1/engage/subscriptions/proofs/" + proofId).json().path("confirmedAt"))
                .isEqualTo(proof.path("confirmedAt"));
    }

    @Test
    void badRequestsAreRefusedAndNobodyIsFloodedWithConfirmations() {
        Response notAnAddress = client.admin("POST", "/api/v1/engage/subscriptions", """
                {"email":"not-an-address","ip":"203.0.113.7"}""");
        assertThat(notAnAddress.status()).isEqualTo(400);
        assertThat(notAnAddress.json().path("detail").asString()).contains("not an email address");

        String email = ServerClient.unique("flood") + "@mail.example";
        for (int i = 0; i < DoubleOptIn.REQUESTS_PER_DAY; i++) {
            assertThat(client.admin("POST", "/api/v1/engage/subscriptions", """
                    {"email":"%s","ip":"203.0.113.8"}""".formatted(email)).json().path("confirmationSent").asBoolean())
                    .isTrue();
        }
        Response fourth = client.admin("POST", "/api/v1/engage/subscriptions", """
                {"email":"%s","ip":"203.0.113.8"}""".formatted(email));
        assertThat(fourth.json().path("confirmationSent").asBoolean()).isFalse();
        assertThat(EngageTestSupport.messagesTo(GREEN_MAIL, email)).hasSize(DoubleOptIn.REQUESTS_PER_DAY);

        HttpClient http = HttpClient.newHttpClient();
        assertThat(ServerClient.eventually(() -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(client.base() + "/e/confirm/forged-token")).GET()
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).isEqualTo(404);
    }
}
