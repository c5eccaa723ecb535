package io.lotse.server.engage;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.sun.net.httpserver.HttpServer;
import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.TestPorts;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The lead lifecycle: points and milestones move people through stages; the CRM gets the lead, retried. */
@LotseServerTest
class LifecycleTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = EngageTestSupport.greenMail();

    @LocalServerPort
    int port;

    @Autowired
    CrmHandover crm;

    @Autowired
    JdbcClient jdbc;

    private ServerClient client;

    @BeforeEach
    void connect() {
        client = new ServerClient(port);
    }

    private void track(JsonNode person, String event) {
        client.sendOk("/v1/track", """
                {"userId":"%s","event":"%s"}""".formatted(EngageTestSupport.userId(person), event));
    }

    private JsonNode lead(long profileId, String stage) {
        return lead(profileId, stage, -1);
    }

    /** Waits until the person is at the stage (with that many points, unless -1). */
    private JsonNode lead(long profileId, String stage, int points) {
        return ServerClient.eventually(() -> {
            ServerClient.Response response = client.get("/api/v1/engage/lifecycle/profiles/" + profileId);
            return response.status() == 200 && response.json().path("stage").asString().equals(stage)
                    && (points < 0 || response.json().path("points").asInt() == points) ? response.json() : null;
        });
    }

    @Test
    void pointsAndMilestonesMovePeopleForwardAndTheSalesQualifiedLeadGoesToTheCrm() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        List<String> keys = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", TestPorts.CRM), 0);
        server.createContext("/crm", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            // the CRM is down at the first call
            exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 503 : 201, -1);
            exchange.close();
        });
        server.start();
        try {
            JsonNode ada = EngageTestSupport.person(client, "Ada", true, "mail.example");
            long profile = ada.path("id").asLong();
            // two product views on creating the person: 2 points, the first stage
            lead(profile, "subscriber", 2);

            track(ada, "Signed Up");
            lead(profile, "lead", 12);

            track(ada, "Demo Requested");
            JsonNode sql = lead(profile, "sql");
            assertThat(sql.path("history")).extracting(h -> h.path("to").asString()).containsExactly("lead", "sql");
            assertThat(sql.path("history").get(1).path("reason").asString()).isEqualTo("event Demo Requested");

            ServerClient.eventually(() -> jdbc.sql("SELECT count(*) FROM engage_crm_outbox WHERE profile_id = ?")
                    .param(profile).query(Long.class).single() == 1 ? true : null);
            assertThat(crm.deliverDue()).isZero();
            assertThat(jdbc.sql("SELECT status || ':' || attempts FROM engage_crm_outbox WHERE profile_id = ?")
                    .param(profile).query(String.class).single()).isEqualTo("pending:1");
            // the back-off has passed
            jdbc.sql("UPDATE engage_crm_outbox SET next_attempt_at = now() WHERE profile_id = ?").param(profile).update();
            assertThat(crm.deliverDue()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT status FROM engage_crm_outbox WHERE profile_id = ?").param(profile)
                    .query(String.class).single()).isEqualTo("sent");
            assertThat(received).hasSize(2).allSatisfy(body -> {
                JsonNode handedOver = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
                assertThat(handedOver.path("stage").asString()).isEqualTo("sql");
                assertThat(handedOver.path("email").asString()).isEqualTo(EngageTestSupport.email(ada));
            });
            assertThat(Set.copyOf(keys)).as("both calls carry one idempotency key").hasSize(1);

            // stage changes reach the person's events
            client.awaitProfile("userId", EngageTestSupport.userId(ada), p -> true);
            ServerClient.eventually(() -> client.get("/api/v1/profiles/" + profile + "/events?limit=50").body()
                    .contains("Lifecycle Stage Changed") ? true : null);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void stagesCanBeRenamedAndSetByHandAndBadInputIsRefused() {
        assertThat(client.admin("PUT", "/api/v1/engage/lifecycle/stages/mql", """
                {"name":"Marketing-qualifiziert","minPoints":40,"scoreName":"purchase_propensity","minScore":0.7}""")
                .status()).isEqualTo(204);
        JsonNode stages = client.get("/api/v1/engage/lifecycle").json().path("stages");
        assertThat(stages.get(2).path("name").asString()).isEqualTo("Marketing-qualifiziert");
        assertThat(stages.get(2).path("minPoints").asInt()).isEqualTo(40);
        client.admin("PUT", "/api/v1/engage/lifecycle/stages/mql", """
                {"name":"Marketing qualified lead","minPoints":50,"scoreName":"purchase_propensity","minScore":0.6}""");

        JsonNode bob = EngageTestSupport.person(client, "Bob", true, "mail.example");
        long profile = bob.path("id").asLong();
        lead(profile, "subscriber");
        assertThat(client.admin("PUT", "/api/v1/engage/lifecycle/profiles/" + profile, """
                {"stage":"opportunity","by":"Sales"}""").status()).isEqualTo(204);
        assertThat(lead(profile, "opportunity").path("history").get(0).path("reason").asString()).isEqualTo("set by Sales");

        assertThat(client.admin("PUT", "/api/v1/engage/lifecycle/profiles/" + profile, """
                {"stage":"astronaut"}""").status()).isEqualTo(400);
        assertThat(client.admin("PUT", "/api/v1/engage/lifecycle/stages/mql", """
                {"name":"x","scoreName":"purchase_propensity"}""").status()).isEqualTo(400);
    }

    @Test
    void aPropensityScoreReachesAStageOnItsOwn() {
        LifecycleStage mql = new LifecycleStage("mql", "MQL", 3, 50, "purchase_propensity", 0.6, null);

        assertThat(mql.reachedBy(5, Map.of("purchase_propensity", 0.72), Set.of())).startsWith("score");
        assertThat(mql.reachedBy(5, Map.of("purchase_propensity", 0.2), Set.of())).isNull();
        assertThat(mql.reachedBy(55, Map.of(), Set.of())).isEqualTo("55 points");
    }
}
