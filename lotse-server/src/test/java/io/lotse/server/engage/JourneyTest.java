package io.lotse.server.engage;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.ServerClient.Response;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Journeys: triggers, steps, each step exactly once across a restart, the funnel, and bad definitions. */
@LotseServerTest
class JourneyTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = EngageTestSupport.greenMail();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JourneyRunner runner;

    private ServerClient client;

    @BeforeEach
    void connect() {
        client = new ServerClient(port);
    }

    private long template(String subject) {
        return client.admin("POST", "/api/v1/engage/templates", """
                {"name":"%s","subject":"%s","html":"<p>Hi {{firstName}}</p>"}""".formatted(subject, subject))
                .json().path("id").asLong();
    }

    private long journey(String trigger, String steps) {
        Response created = client.admin("POST", "/api/v1/engage/journeys", """
                {"name":"%s","trigger":%s,"steps":%s}""".formatted(ServerClient.unique("j"), trigger, steps));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(client.admin("POST", "/api/v1/engage/journeys/" + id + "/activate", "").status()).isEqualTo(204);
        return id;
    }

    private JsonNode run(long journeyId, long profileId, String status) {
        try {
            return awaitRun(journeyId, profileId, status);
        } catch (AssertionError e) {
            throw new AssertionError("no " + status + " run; runs: " + client.get("/api/v1/engage/journeys/" + journeyId
                    + "/runs?profileId=" + profileId).body() + " steps: " + jdbc.sql("SELECT string_agg(step_id || '=' "
                    + "|| outcome, ',') FROM engage_journey_steps s JOIN engage_journey_runs r ON r.id = s.run_id "
                    + "WHERE r.journey_id = ? AND r.profile_id = ?").params(journeyId, profileId).query(String.class)
                    .optional().orElse(""), e);
        }
    }

    private JsonNode awaitRun(long journeyId, long profileId, String status) {
        return ServerClient.eventually(() -> {
            JsonNode runs = client.get("/api/v1/engage/journeys/" + journeyId + "/runs?profileId=" + profileId).json();
            return runs.size() == 1 && runs.get(0).path("status").asString().equals(status) ? runs.get(0) : null;
        });
    }

    @Test
    void everyStepIsDoneExactlyOnceAcrossARestartOfTheRunner() throws Exception {
        String trigger = ServerClient.unique("Journey Started");
        long welcome = template("Welcome");
        long followUp = template("Follow-up");
        long journey = journey("""
                {"kind":"event","value":"%s"}""".formatted(trigger), """
                [{"id":"welcome","type":"send_email","templateId":%d},
                 {"id":"pause","type":"wait","duration":"PT2S"},
                 {"id":"tag","type":"set_trait","trait":"journey_tag","value":"welcomed"},
                 {"id":"follow-up","type":"send_email","templateId":%d}]""".formatted(welcome, followUp));
        JsonNode ada = EngageTestSupport.person(client, "Ada", true, "mail.example");
        String email = EngageTestSupport.email(ada);
        long profile = ada.path("id").asLong();

        client.sendOk("/v1/track", """
                {"userId":"%s","event":"%s"}""".formatted(EngageTestSupport.userId(ada), trigger));
        EngageTestSupport.awaitMessageTo(GREEN_MAIL, email);
        run(journey, profile, "active");

        // the process stops while the person waits, and the wait runs out while it is down
        runner.stop();
        Thread.sleep(2_500);
        runner.start();

        JsonNode done = run(journey, profile, "done");
        List<MimeMessage> messages = ServerClient.eventually(() -> {
            List<MimeMessage> received = EngageTestSupport.messagesTo(GREEN_MAIL, email);
            return received.size() == 2 ? received : null;
        });
        assertThat(messages).extracting(MimeMessage::getSubject).containsExactly("Welcome", "Follow-up");
        long runId = done.path("id").asLong();
        assertThat(jdbc.sql("SELECT step_id || '=' || outcome FROM engage_journey_steps WHERE run_id = ? ORDER BY started_at, step_id")
                .param(runId).query(String.class).list())
                .containsExactly("welcome=sent", "pause=waited", "tag=set", "follow-up=sent");
        client.awaitProfile("userId", EngageTestSupport.userId(ada),
                p -> p.path("traits").path("journey_tag").asString("").equals("welcomed"));
        assertThat(jdbc.sql("SELECT count(*) FROM events WHERE message_id = ?").param("lotse-engage-journey-" + runId + "-tag")
                .query(Long.class).single()).isEqualTo(1);

        // the same event again, while the person is through: a new run; the old one stays done
        client.sendOk("/v1/track", """
                {"userId":"%s","event":"%s"}""".formatted(EngageTestSupport.userId(ada), trigger));
        ServerClient.eventually(() -> client.get("/api/v1/engage/journeys/" + journey + "/runs?profileId=" + profile)
                .json().size() == 2 ? true : null);
    }

    @Test
    void aStepBegunBeforeACrashActsNoSecondTimeAfterTheRestart() {
        long welcome = template("Once only");
        String trigger = ServerClient.unique("Crash Test");
        long journey = journey("""
                {"kind":"event","value":"%s"}""".formatted(trigger), """
                [{"id":"hold","type":"wait","duration":"PT1H"},
                 {"id":"mail","type":"send_email","templateId":%d}]""".formatted(welcome));
        JsonNode bob = EngageTestSupport.person(client, "Bob", true, "mail.example");
        long profile = bob.path("id").asLong();
        client.sendOk("/v1/track", """
                {"userId":"%s","event":"%s"}""".formatted(EngageTestSupport.userId(bob), trigger));
        long runId = run(journey, profile, "active").path("id").asLong();

        // what a crash right after the SMTP server took the message leaves behind: the step begun, its message
        // recorded as sent, the run not yet moved on
        runner.stop();
        jdbc.sql("UPDATE engage_journey_runs SET current_step = 'mail', next_at = now() WHERE id = ?").param(runId).update();
        jdbc.sql("INSERT INTO engage_journey_steps (run_id, step_id, outcome, started_at) VALUES (?, 'mail', 'begun', now())")
                .param(runId).update();
        jdbc.sql("""
                INSERT INTO engage_deliveries (kind, journey_run, journey_step, profile_id, email, domain, status,
                                               not_before, created_at, sent_at)
                VALUES ('journey', ?, 'mail', ?, ?, 'mail.example', 'sent', now(), now(), now())""")
                .params(runId, profile, EngageTestSupport.email(bob)).update();
        runner.start();

        run(journey, profile, "done");
        assertThat(jdbc.sql("SELECT outcome FROM engage_journey_steps WHERE run_id = ? AND step_id = 'mail'")
                .param(runId).query(String.class).single()).isEqualTo("sent");
        assertThat(EngageTestSupport.messagesTo(GREEN_MAIL, EngageTestSupport.email(bob))).as("not sent again").isEmpty();
    }

    @Test
    void cartAbandonmentWaitsForTheOrderAndTheFunnelCountsEachStep() {
        long reminder = template("Your cart");
        String added = ServerClient.unique("Product Added");
        long journey = journey("""
                {"kind":"event","value":"%s"}""".formatted(added), """
                [{"id":"wait-order","type":"wait_until","event":"Order Completed","timeout":"PT2S","onEvent":"bought"},
                 {"id":"consented","type":"condition","rule":{"consent":"email"},"no":"bought"},
                 {"id":"remind","type":"send_email","templateId":%d},
                 {"id":"bought","type":"exit"}]""".formatted(reminder));
        JsonNode buyer = EngageTestSupport.person(client, "Buyer", true, "mail.example");
        JsonNode leaver = EngageTestSupport.person(client, "Leaver", true, "mail.example");

        client.sendOk("/v1/track", """
                {"userId":"%s","event":"%s"}""".formatted(EngageTestSupport.userId(buyer), added));
        client.sendOk("/v1/track", """
                {"userId":"%s","event":"Order Completed","properties":{"revenue":10}}"""
                .formatted(EngageTestSupport.userId(buyer)));
        client.sendOk("/v1/track", """
                {"userId":"%s","event":"%s"}""".formatted(EngageTestSupport.userId(leaver), added));

        run(journey, buyer.path("id").asLong(), "exited");
        run(journey, leaver.path("id").asLong(), "exited");
        EngageTestSupport.awaitMessageTo(GREEN_MAIL, EngageTestSupport.email(leaver));
        assertThat(EngageTestSupport.messagesTo(GREEN_MAIL, EngageTestSupport.email(buyer))).isEmpty();

        JsonNode funnel = client.get("/api/v1/engage/journeys/" + journey).json().path("funnel");
        assertThat(funnel.get(0).path("reached").asLong()).isEqualTo(2);
        assertThat(funnel.get(0).path("outcomes").path("event").asLong()).isEqualTo(1);
        assertThat(funnel.get(0).path("outcomes").path("timeout").asLong()).isEqualTo(1);
        assertThat(funnel.get(2).path("outcomes").path("sent").asLong()).isEqualTo(1);
        assertThat(funnel.get(3).path("reached").asLong()).as("both leave through the exit").isEqualTo(2);
    }

    @Test
    void badDefinitionsAreRefusedWithTheStepAndTheReason() {
        Response unknownType = client.admin("POST", "/api/v1/engage/journeys", """
                {"name":"x","trigger":{"kind":"event","value":"A"},"steps":[{"id":"a","type":"teleport"}]}""");
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.json().path("detail").asString()).contains("step 'a'").contains("teleport");

        Response danglingBranch = client.admin("POST", "/api/v1/engage/journeys", """
                {"name":"x","trigger":{"kind":"event","value":"A"},
                 "steps":[{"id":"a","type":"wait","duration":"PT1H","next":"nowhere"}]}""");
        assertThat(danglingBranch.json().path("detail").asString()).contains("'nowhere'");

        Response badDuration = client.admin("POST", "/api/v1/engage/journeys", """
                {"name":"x","trigger":{"kind":"event","value":"A"},
                 "steps":[{"id":"a","type":"wait","duration":"two hours"}]}""");
        assertThat(badDuration.json().path("detail").asString()).contains("ISO 8601");

        Response badTrigger = client.admin("POST", "/api/v1/engage/journeys", """
                {"name":"x","trigger":{"kind":"moon phase","value":"full"},"steps":[{"id":"a","type":"exit"}]}""");
        assertThat(badTrigger.status()).isEqualTo(400);
    }
}
