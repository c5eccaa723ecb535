package io.lotse.server.engage;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.ServerClient.Response;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Segments as campaign audiences, content by segment and journey triggers; scores as tokens. */
@LotseServerTest
class SegmentsAndScoresTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = EngageTestSupport.greenMail();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ServerClient client;

    @BeforeEach
    void connect() {
        client = new ServerClient(port);
    }

    @Test
    void aSegmentIsACampaignAudienceItsContentAndAJourneyTrigger() throws Exception {
        String tag = ServerClient.unique("vip");
        String key = ServerClient.unique("seg").substring(0, 20);
        Response segment = client.admin("POST", "/api/v1/segments", """
                {"key":"%s","name":"VIP %s","rule":{"trait":"vip_tag","op":"eq","value":"%s"}}"""
                .formatted(key, tag, tag));
        assertThat(segment.status()).as(segment.body()).isEqualTo(201);
        long journey = client.admin("POST", "/api/v1/engage/journeys", """
                {"name":"%s","trigger":{"kind":"segment_entered","value":"%s"},
                 "steps":[{"id":"tag","type":"set_trait","trait":"welcomed_vip","value":true}]}"""
                .formatted(ServerClient.unique("j"), key)).json().path("id").asLong();
        assertThat(client.admin("POST", "/api/v1/engage/journeys/" + journey + "/activate", "").status())
                .isEqualTo(204);

        JsonNode ada = EngageTestSupport.person(client, "Ada", true, "segments.example");
        client.sendOk("/v1/identify", """
                {"userId":"%s","traits":{"vip_tag":"%s"}}""".formatted(EngageTestSupport.userId(ada), tag));
        client.awaitProfile("userId", EngageTestSupport.userId(ada),
                p -> p.path("traits").path("welcomed_vip").asBoolean(false));

        jdbc.sql("""
                INSERT INTO profile_scores (profile_id, scored_at, model_id, propensity_30d, churn_risk)
                VALUES (?, now(), 1, 0.42, 17) ON CONFLICT (profile_id) DO UPDATE SET propensity_30d = 0.42""")
                .param(ada.path("id").asLong()).update();
        long template = client.admin("POST", "/api/v1/engage/templates", """
                {"name":"VIP","subject":"For you, {{firstName}}",
                 "html":"<p>{{#segment %s}}VIP corner{{/segment}}{{^segment %s}}Regular{{/segment}} {{score.purchase_propensity}} {{score.churn_risk}}</p>"}"""
                .formatted(key, key)).json().path("id").asLong();
        String preview = client.admin("POST", "/api/v1/engage/templates/" + template + "/preview",
                "{\"profileId\":" + ada.path("id").asLong() + "}").json().path("html").asString();
        assertThat(preview).contains("VIP corner 0.42 17").doesNotContain("Regular");

        Response campaign = client.admin("POST", "/api/v1/engage/campaigns", """
                {"name":"VIP only","templateId":%d,"audience":{"kind":"segment","key":"%s"}}"""
                .formatted(template, key));
        assertThat(campaign.status()).as(campaign.body()).isEqualTo(201);
        long id = campaign.json().path("id").asLong();
        assertThat(client.admin("POST", "/api/v1/engage/campaigns/" + id + "/schedule", "{}").status())
                .isEqualTo(200);
        MimeMessage message = EngageTestSupport.awaitMessageTo(GREEN_MAIL, EngageTestSupport.email(ada));
        assertThat(message.getSubject()).isEqualTo("For you, Ada");
        JsonNode sent = ServerClient.eventually(() -> {
            JsonNode stats = client.get("/api/v1/engage/campaigns/" + id).json();
            return stats.path("campaign").path("status").asString().equals("sent") ? stats : null;
        });
        assertThat(sent.path("stats").path("sent").asLong()).isEqualTo(1);
    }
}
