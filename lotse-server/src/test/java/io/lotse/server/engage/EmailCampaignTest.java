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
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Campaigns that a real sender can send: personalised, DKIM-signed, one-click unsubscribe, suppression. */
@LotseServerTest
class EmailCampaignTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = EngageTestSupport.greenMail();

    private static final String TEMPLATE = """
            {"name":"Autumn","subject":"{{firstName | \\"Hello\\"}}, autumn offers",
             "html":"<html><body><p>Hi {{firstName}},</p><p><a href=\\"https://shop.example/autumn\\">Shop now</a></p>{{recommendations}}<p><a href=\\"{{unsubscribe_url}}\\">Unsubscribe</a></p></body></html>"}""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ServerClient client;

    @BeforeEach
    void connect() {
        client = new ServerClient(port);
    }

    private long template() {
        Response created = client.admin("POST", "/api/v1/engage/templates", TEMPLATE);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private long campaignTo(long templateId, JsonNode... people) {
        StringBuilder ids = new StringBuilder();
        for (JsonNode person : people) {
            ids.append(ids.isEmpty() ? "" : ",").append(person.path("id").asLong());
        }
        Response created = client.admin("POST", "/api/v1/engage/campaigns", """
                {"name":"Autumn %s","templateId":%d,"audience":{"kind":"profiles","ids":[%s]}}"""
                .formatted(ServerClient.unique("c"), templateId, ids));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(client.admin("POST", "/api/v1/engage/campaigns/" + id + "/schedule", "{}").status()).isEqualTo(200);
        return id;
    }

    private JsonNode awaitSent(long campaignId) {
        return ServerClient.eventually(() -> {
            JsonNode campaign = client.get("/api/v1/engage/campaigns/" + campaignId).json();
            return campaign.path("campaign").path("status").asString().equals("sent") ? campaign : null;
        });
    }

    @Test
    void aCampaignReachesSubscribersPersonalisedWithRecommendationsAndSkipsThoseWithoutConsent() throws Exception {
        JsonNode ada = EngageTestSupport.person(client, "Ada", true, "mail.example");
        JsonNode bob = EngageTestSupport.person(client, "Bob", false, "mail.example");

        long campaign = campaignTo(template(), ada, bob);
        JsonNode sent = awaitSent(campaign);

        MimeMessage message = EngageTestSupport.awaitMessageTo(GREEN_MAIL, EngageTestSupport.email(ada));
        assertThat(message.getSubject()).isEqualTo("Ada, autumn offers");
        String raw = GreenMailUtil.getWholeMessage(message);
        assertThat(raw).contains("Hi Ada,").contains("Product p-kettle").contains("Product p-teapot")
                .contains("/e/c/").doesNotContain("href=\"https://shop.example/autumn\"");
        assertThat(EngageTestSupport.messagesTo(GREEN_MAIL, EngageTestSupport.email(bob))).isEmpty();
        assertThat(sent.path("stats").path("byStatus").path("sent").asLong()).isEqualTo(1);
        assertThat(sent.path("stats").path("byStatus").path("no_consent").asLong()).isEqualTo(1);
    }

    @Test
    void theDkimSignatureCoversBothUnsubscribeHeadersAndVerifiesWithThePublicKey() throws Exception {
        JsonNode ada = EngageTestSupport.person(client, "Ada", true, "mail.example");
        campaignTo(template(), ada);

        MimeMessage message = EngageTestSupport.awaitMessageTo(GREEN_MAIL, EngageTestSupport.email(ada));
        String raw = GreenMailUtil.getWholeMessage(message);
        DkimVerifier.Result dkim = DkimVerifier.verify(raw,
                DkimVerifier.publicKey(Path.of("src/test/resources/engage/dkim-test.pub.pem")));

        assertThat(dkim.tags()).containsEntry("d", "lotse-test.example").containsEntry("s", "test")
                .containsEntry("a", "rsa-sha256").containsEntry("c", "relaxed/relaxed");
        assertThat(dkim.signedHeaders()).contains("from", "to", "subject", "list-unsubscribe",
                "list-unsubscribe-post");
        assertThat(dkim.bodyHashMatches()).as("bh= matches the body").isTrue();
        assertThat(dkim.signatureValid()).as("b= verifies with the public key").isTrue();
        assertThat(message.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(message.getHeader("List-Unsubscribe")[0]).matches("<http://[^>]+/e/u/[A-Za-z0-9_-]+>");
    }

    @Test
    void oneClickUnsubscribeWorksWithoutLoginIsIdempotentAndStopsLaterMail() throws Exception {
        JsonNode ada = EngageTestSupport.person(client, "Ada", true, "mail.example");
        long templateId = template();
        campaignTo(templateId, ada);
        MimeMessage message = EngageTestSupport.awaitMessageTo(GREEN_MAIL, EngageTestSupport.email(ada));
        String url = message.getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "");

        // RFC 8058: the mailbox provider POSTs "List-Unsubscribe=One-Click", no cookies, no credentials
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest oneClick = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build();
        assertThat(http.send(oneClick, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(http.send(oneClick, HttpResponse.BodyHandlers.ofString()).statusCode()).as("again").isEqualTo(200);
        HttpRequest forged = HttpRequest.newBuilder(URI.create(url.substring(0, url.length() - 2) + "xx"))
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build();
        assertThat(http.send(forged, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

        String email = EngageTestSupport.email(ada);
        assertThat(jdbc.sql("SELECT count(*) FROM engage_interactions i JOIN engage_deliveries d ON d.id = i.delivery_id "
                + "WHERE d.email = ? AND i.kind = 'unsubscribe'").param(email).query(Long.class).single())
                .as("counted once").isEqualTo(1);
        client.awaitProfile("email", email, p -> !p.path("consents").path("email").path("granted").asBoolean(true));

        long second = campaignTo(templateId, ada);
        JsonNode stats = awaitSent(second).path("stats").path("byStatus");
        assertThat(stats.path("suppressed").asLong() + stats.path("no_consent").asLong()).isEqualTo(1);
        assertThat(EngageTestSupport.messagesTo(GREEN_MAIL, email)).hasSize(1);
    }

    @Test
    void aSuppressedAddressIsCheckedBeforeEverySendAndNeverMailed(@Autowired Outbox outbox,
                                                                    @Autowired SuppressionList suppressions,
                                                                    @Autowired DeliveryStore deliveries) {
        JsonNode ada = EngageTestSupport.person(client, "Ada", true, "mail.example");
        JsonNode eve = EngageTestSupport.person(client, "Eve", true, "mail.example");
        assertThat(client.admin("POST", "/api/v1/engage/suppressions", """
                {"email":"%s","reason":"objection"}""".formatted(EngageTestSupport.email(eve).toUpperCase()))
                .status()).isEqualTo(200);

        long campaign = campaignTo(template(), ada, eve);
        JsonNode stats = awaitSent(campaign).path("stats").path("byStatus");

        assertThat(stats.path("sent").asLong()).isEqualTo(1);
        assertThat(stats.path("suppressed").asLong()).isEqualTo(1);
        EngageTestSupport.awaitMessageTo(GREEN_MAIL, EngageTestSupport.email(ada));
        assertThat(EngageTestSupport.messagesTo(GREEN_MAIL, EngageTestSupport.email(eve))).isEmpty();

        // an address suppressed after its batch was checked is still stopped right before its message leaves
        String late = ServerClient.unique("late") + "@mail.example";
        Delivery claimed = deliveries.startSingle(DeliveryKind.JOURNEY, null, null, null, late, null);
        suppressions.suppress(late, SuppressionReason.UNSUBSCRIBE, "test");
        Person person = new Person(0, null, late, tools.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                true, java.util.Map.of(), List.of(), java.util.Set.of());
        DeliveryStore.Outcome outcome = outbox.deliver(claimed, Content.compile("Hi", "<p>Hi</p>", "Hi"), person,
                "newsletter", null, "");
        assertThat(outcome.status()).isEqualTo(DeliveryStatus.SUPPRESSED);
        assertThat(EngageTestSupport.messagesTo(GREEN_MAIL, late)).isEmpty();
    }

    @Test
    void clicksAreTrackedThroughSignedRedirectsAndOrdersAttributedToTheCampaign() throws Exception {
        JsonNode ada = EngageTestSupport.person(client, "Ada", true, "mail.example");
        long campaign = campaignTo(template(), ada);
        MimeMessage message = EngageTestSupport.awaitMessageTo(GREEN_MAIL, EngageTestSupport.email(ada));
        String raw = GreenMailUtil.getWholeMessage(message).replace("=\r\n", "").replace("=3D", "=");
        Matcher link = Pattern.compile("href=\"(http://[^\"]+/e/c/[^\"]+)\"").matcher(raw);
        assertThat(link.find()).isTrue();
        String tracked = link.group(1).replace("&amp;", "&");

        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(URI.create(tracked)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .startsWith("https://shop.example/").contains("utm_campaign=lotse-" + campaign));
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(
                tracked.replaceAll("u=[^&]+", "u=https%3A%2F%2Fevil.example%2F"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("no open redirect").isEqualTo(404);

        String userId = EngageTestSupport.userId(ada);
        client.sendOk("/v1/track", """
                {"userId":"%s","event":"Order Completed","properties":{"order_id":"o-1","revenue":59.8}}"""
                .formatted(userId));

        JsonNode stats = ServerClient.eventually(() -> {
            JsonNode s = client.get("/api/v1/engage/campaigns/" + campaign).json().path("stats");
            return s.path("conversions").asLong() == 1 ? s : null;
        });
        assertThat(stats.path("uniqueClicks").asLong()).isEqualTo(1);
        assertThat(stats.path("revenue").decimalValue()).isEqualByComparingTo("59.8");
    }

    @Test
    void badTemplatesAndCampaignsAreRefusedWithTheReason() {
        Response broken = client.admin("POST", "/api/v1/engage/templates", """
                {"name":"Broken","subject":"Hi {{firstName","html":"<p>x</p>"}""");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().path("detail").asString()).contains("never closed");

        Response noTemplate = client.admin("POST", "/api/v1/engage/campaigns", """
                {"name":"x","templateId":999999999,"audience":{"kind":"all_subscribers"}}""");
        assertThat(noTemplate.status()).isEqualTo(400);
        assertThat(noTemplate.json().path("detail").asString()).contains("no template");

        Response unknownAudience = client.admin("POST", "/api/v1/engage/campaigns", """
                {"name":"x","templateId":%d,"audience":{"kind":"segment","key":"vip"}}""".formatted(template()));
        assertThat(unknownAudience.status()).isEqualTo(400);
    }
}
