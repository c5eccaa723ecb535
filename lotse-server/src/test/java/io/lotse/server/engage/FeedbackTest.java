package io.lotse.server.engage;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.ServerClient.Response;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Bounces and complaints from the IMAP feedback mailbox and the webhook, and the complaint-rate guard. */
@LotseServerTest
class FeedbackTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = EngageTestSupport.greenMail();

    @LocalServerPort
    int port;

    @Autowired
    FeedbackMailbox mailbox;

    @Autowired
    SuppressionList suppressions;

    private ServerClient client;

    @BeforeEach
    void connect() {
        client = new ServerClient(port);
    }

    private long sendCampaign(JsonNode... people) {
        long template = client.admin("POST", "/api/v1/engage/templates", """
                {"name":"Feedback","subject":"Hi {{firstName}}","html":"<p>Hi</p>"}""").json().path("id").asLong();
        StringBuilder ids = new StringBuilder();
        for (JsonNode person : people) {
            ids.append(ids.isEmpty() ? "" : ",").append(person.path("id").asLong());
        }
        long campaign = client.admin("POST", "/api/v1/engage/campaigns", """
                {"name":"Feedback","templateId":%d,"audience":{"kind":"profiles","ids":[%s]}}"""
                .formatted(template, ids)).json().path("id").asLong();
        client.admin("POST", "/api/v1/engage/campaigns/" + campaign + "/schedule", "{}");
        return campaign;
    }

    private static String token(MimeMessage message) throws Exception {
        return message.getHeader(MessageComposer.DELIVERY_HEADER)[0];
    }

    @Test
    void aBounceReportInTheFeedbackMailboxSuppressesTheAddress() throws Exception {
        JsonNode ghost = EngageTestSupport.person(client, "Ghost", true, "mail.example");
        long campaign = sendCampaign(ghost);
        String email = EngageTestSupport.email(ghost);
        MimeMessage sent = EngageTestSupport.awaitMessageTo(GREEN_MAIL, email);

        GREEN_MAIL.getUserManager().getUser(EngageTestSupport.BOUNCE_MAILBOX).deliver(new MimeMessage(
                Session.getInstance(new Properties()), new ByteArrayInputStream(FeedbackReportsTest
                .dsn(email, "5.1.1", "failed", token(sent)).getBytes(StandardCharsets.UTF_8))));
        GREEN_MAIL.getUserManager().getUser(EngageTestSupport.BOUNCE_MAILBOX).deliver(new MimeMessage(
                Session.getInstance(new Properties()), new ByteArrayInputStream(
                "From: someone@mail.example\r\nSubject: Out of office\r\n\r\nBack on Monday\r\n"
                        .getBytes(StandardCharsets.UTF_8))));

        assertThat(mailbox.poll()).isEqualTo(1);
        assertThat(mailbox.poll()).as("handled reports are deleted, other mail is left seen").isZero();

        assertThat(suppressions.reasonOf(email)).contains(SuppressionReason.HARD_BOUNCE);
        JsonNode stats = client.get("/api/v1/engage/campaigns/" + campaign).json().path("stats");
        assertThat(stats.path("bounces").asLong()).isEqualTo(1);
        assertThat(stats.path("byStatus").path("bounced").asLong()).isEqualTo(1);
    }

    @Test
    void aComplaintRateAboveTheStopRateStopsTheCampaign() throws Exception {
        // slow.example takes 6 messages a minute: the first goes at once, the rest wait in the queue
        JsonNode[] people = new JsonNode[4];
        for (int i = 0; i < people.length; i++) {
            people[i] = EngageTestSupport.person(client, "P" + i, true, "slow.example");
        }
        long campaign = sendCampaign(people);
        MimeMessage first = ServerClient.eventually(() -> GREEN_MAIL.getReceivedMessagesForDomain("slow.example")
                .length > 0 ? GREEN_MAIL.getReceivedMessagesForDomain("slow.example")[0] : null);

        Response handled = client.send(HttpRequest.newBuilder(URI.create(client.base() + "/api/v1/engage/feedback"))
                .header("Authorization", "Bearer " + LotseServerTest.ADMIN_TOKEN)
                .header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofString(FeedbackReportsTest.arf(
                        first.getAllRecipients()[0].toString(), token(first)))).build());
        assertThat(handled.status()).as(handled.body()).isEqualTo(200);
        assertThat(handled.json().path("kind").asString()).isEqualTo("complaint");

        JsonNode campaignNow = client.get("/api/v1/engage/campaigns/" + campaign).json();
        assertThat(campaignNow.path("campaign").path("status").asString()).isEqualTo("stopped");
        assertThat(campaignNow.path("campaign").path("stopReason").asString()).contains("complaint rate");
        assertThat(campaignNow.path("stats").path("complaints").asLong()).isEqualTo(1);
        assertThat(suppressions.reasonOf(first.getAllRecipients()[0].toString())).contains(SuppressionReason.COMPLAINT);
        assertThat(GREEN_MAIL.getReceivedMessagesForDomain("slow.example")).as("the rest was never sent").hasSize(1);
    }

    @Test
    void theWebhookTakesJsonAndRefusesWhatIsNoReport() {
        String email = ServerClient.unique("hook") + "@mail.example";
        Response bounce = client.admin("POST", "/api/v1/engage/feedback", """
                {"type":"bounce","email":"%s"}""".formatted(email));
        assertThat(bounce.status()).isEqualTo(200);
        assertThat(suppressions.reasonOf(email)).contains(SuppressionReason.HARD_BOUNCE);

        assertThat(client.admin("POST", "/api/v1/engage/feedback", """
                {"type":"party","email":"%s"}""".formatted(email)).status()).isEqualTo(400);
        Response notAReport = client.send(HttpRequest.newBuilder(URI.create(client.base() + "/api/v1/engage/feedback"))
                .header("Authorization", "Bearer " + LotseServerTest.ADMIN_TOKEN)
                .header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofString("Subject: hello\r\n\r\nhi\r\n")).build());
        assertThat(notAReport.status()).isEqualTo(400);
    }
}
