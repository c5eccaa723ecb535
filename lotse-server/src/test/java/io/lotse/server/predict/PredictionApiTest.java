package io.lotse.server.predict;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.ServerClient.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Training on demand through the admin API: scores of people with known histories, the run's provenance, a run
 * on too little data recorded as failed with its reason, one run at a time, and the API's errors.
 */
@LotseServerTest
class PredictionApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ConfigurableApplicationContext context;

    private ServerClient client;

    @BeforeEach
    void connect() {
        client = new ServerClient(port);
    }

    private Response train(String window) {
        return client.admin("POST", "/api/v1/predictions/models?wait=true", window);
    }

    private JsonNode predictionsOf(String userId) {
        long id = client.lookup("userId", userId).json().path("id").asLong();
        Response response = client.get("/api/v1/profiles/" + id + "/predictions");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void aFrequentRecentBuyerIsWorthMoreAndSaferThanALapsedOne() {
        List<ScoresRefreshed> refreshed = new CopyOnWriteArrayList<>();
        context.addApplicationListener((ApplicationListener<PayloadApplicationEvent<ScoresRefreshed>>)
                event -> refreshed.add(event.getPayload()));
        ShopHistory.send(client, jdbc);

        Response trained = train(ShopHistory.WINDOW);

        assertThat(trained.status()).as(trained.body()).isEqualTo(201);
        JsonNode run = trained.json();
        assertThat(run.path("status").asString()).isEqualTo("succeeded");
        JsonNode fiona = predictionsOf(ShopHistory.FIONA);
        JsonNode larry = predictionsOf(ShopHistory.LARRY);
        assertThat(fiona.path("modelId").asLong()).isEqualTo(run.path("id").asLong());
        assertThat(fiona.path("probabilityAlive").asDouble()).isGreaterThan(0.9)
                .isGreaterThan(larry.path("probabilityAlive").asDouble() + 0.5);
        assertThat(fiona.path("clv12m").asDouble()).isGreaterThan(10 * larry.path("clv12m").asDouble());
        assertThat(fiona.path("churnRisk").asInt()).isLessThan(10);
        assertThat(larry.path("churnRisk").asInt()).isGreaterThan(50);
        assertThat(fiona.path("expectedPurchases90d").asDouble()).isBetween(3.0, 9.0);
        assertThat(fiona.path("clvPercentile").asDouble()).isGreaterThan(larry.path("clvPercentile").asDouble());
        assertThat(fiona.path("nextOrderDate").asString()).startsWith("2003-01");
        assertThat(fiona.path("rfm").path("segment").asString()).isEqualTo("CHAMPIONS");
        assertThat(fiona.path("rfm").path("segmentName").asString()).isEqualTo("Champions");
        assertThat(larry.path("rfm").path("segment").asString()).isEqualTo("CANT_LOSE_THEM");
        assertThat(larry.path("rfm").path("segmentName").asString()).isEqualTo("Can't Lose Them");
        assertThat(predictionsOf(ShopHistory.OLGA).path("rfm").path("frequency").asInt()).isEqualTo(1);

        assertThat(fiona.path("propensity30d").asDouble()).isGreaterThan(larry.path("propensity30d").asDouble());
        List<String> factors = new ArrayList<>();
        fiona.path("explanation").path("purchase30d").forEach(f -> factors.add(f.path("feature").asString()));
        assertThat(factors).hasSizeBetween(1, 3).allSatisfy(feature -> assertThat(feature).matches("[a-z0-9_]+"));

        JsonNode imported = predictionsOf(ShopHistory.IMPORTED);
        assertThat(imported.path("probabilityAlive").asDouble()).as("imported repeat orders count").isLessThan(1);
        assertThat(imported.path("clv12m").asDouble()).isPositive();

        JsonNode lead = predictionsOf(ShopHistory.LEAD + "9");
        assertThat(lead.path("rfm").isNull()).as("a lead has no RFM segment").isTrue();
        assertThat(lead.path("clv12m").isNull()).isTrue();
        assertThat(lead.path("propensity30d").asDouble()).isBetween(0.0, 1.0);
        JsonNode signUp = lead.path("explanation").path("events").get(0);
        assertThat(signUp.path("event").asString()).isEqualTo("Signed Up");
        assertThat(signUp.path("probability").asDouble()).isBetween(0.0, 1.0);
        assertThat(predictionsOf(ShopHistory.LEAD + "0").path("explanation").path("events").isEmpty())
                .as("who signed up already is not scored for signing up").isTrue();

        assertThat(refreshed).anySatisfy(event -> {
            assertThat(event.modelId()).isEqualTo(run.path("id").asLong());
            assertThat(event.profiles()).isEqualTo(run.path("profiles").asInt());
        });
        assertThat(jdbc.sql("SELECT count(*) FROM profile_scores WHERE model_id <> ?")
                .param(run.path("id").asLong()).query(Long.class).single()).isZero();
    }

    @Test
    void aRunRecordsItsProvenance() {
        ShopHistory.send(client, jdbc);
        long id = train(ShopHistory.WINDOW).json().path("id").asLong();

        JsonNode run = client.get("/api/v1/predictions/models/" + id).json();

        assertThat(run.path("kind").asString()).isEqualTo("customer_scores");
        assertThat(run.path("trigger").asString()).isEqualTo("api");
        assertThat(run.path("windowStart").asString()).isEqualTo("2001-01-01T00:00:00Z");
        assertThat(run.path("windowEnd").asString()).isEqualTo("2003-01-01T00:00:00Z");
        assertThat(run.path("seed").asLong()).isEqualTo(42);
        assertThat(run.path("trainedAt").asString()).isNotBlank();
        assertThat(run.path("finishedAt").asString()).isNotBlank();
        assertThat(run.path("profiles").asInt()).isEqualTo(2 + 1 + ShopHistory.REGULARS + ShopHistory.OCCASIONALS
                + 1 + ShopHistory.LEADS);
        JsonNode parameters = run.path("parameters");
        assertThat(parameters.path("unit").asString()).isEqualTo("weeks");
        for (String name : List.of("r", "alpha", "a", "b")) {
            assertThat(parameters.path("bgnbd").path(name).asDouble()).as("BG/NBD " + name).isPositive();
        }
        assertThat(parameters.path("gamma_gamma").path("q").asDouble()).isGreaterThan(1);
        assertThat(parameters.path("propensity").path("purchase_30d").path("coefficients").size()).isPositive();
        JsonNode metrics = run.path("metrics");
        assertThat(metrics.path("customers").asInt()).isEqualTo(2 + 1 + ShopHistory.REGULARS
                + ShopHistory.OCCASIONALS + 1);
        assertThat(metrics.path("bgnbd").path("loglik").asDouble()).isNegative();
        assertThat(metrics.path("pareto_nbd").path("skipped").asString()).as("off in tests: ParetoComparisonTest")
                .contains("switched off");
        assertThat(metrics.path("gamma_gamma").path("customers").asInt()).isPositive();
        assertThat(metrics.path("propensity").path("purchase_30d").path("training_positives").asInt())
                .isGreaterThanOrEqualTo(ShopHistory.REGULARS);
        assertThat(metrics.path("timings_ms").path("total").isNumber()).isTrue();

        JsonNode listed = client.get("/api/v1/predictions/models?limit=100").json().path("models");
        assertThat(listed.findValuesAsString("status")).isNotEmpty();
        assertThat(listed.get(0).path("id").asLong()).isGreaterThanOrEqualTo(id);
    }

    @Test
    void tooLittleDataFailsTheRunWithTheReason() {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            batch.append(i == 0 ? "" : ",").append("""
                    {"type":"track","event":"Order Completed","userId":"predict-1995-%1$d",\
                    "messageId":"predict-1995-order-%1$d","timestamp":"1995-03-0%1$dT10:00:00Z",\
                    "properties":{"total":"12.50"}}""".formatted(i + 1));
        }
        client.sendOk("/v1/batch", "{\"batch\":[" + batch + "]}");
        ShopHistory.awaitProfiles(jdbc);

        Response failed = train("{\"windowStart\":\"1995-01-01\",\"windowEnd\":\"1995-12-31\"}");

        assertThat(failed.status()).isEqualTo(422);
        JsonNode problem = failed.json();
        assertThat(problem.path("title").asString()).isEqualTo("Not enough data to train");
        assertThat(problem.path("detail").asString()).contains("3 customers").contains("0 of them");
        long runId = problem.path("runId").asLong();
        JsonNode run = client.get("/api/v1/predictions/models/" + runId).json();
        assertThat(run.path("status").asString()).isEqualTo("failed");
        assertThat(run.path("failure").path("type").asString()).isEqualTo("not-enough-data");
        assertThat(run.path("failure").path("detail").asString()).isEqualTo(problem.path("detail").asString());
        assertThat(run.path("metrics").path("profiles_active").asInt()).isEqualTo(3);
    }

    @Test
    void aRunStartedInTheBackgroundIsFollowedThroughItsAddress() {
        ShopHistory.send(client, jdbc);

        Response accepted = client.admin("POST", "/api/v1/predictions/models", ShopHistory.WINDOW);

        assertThat(accepted.status()).isEqualTo(202);
        String href = accepted.json().path("href").asString();
        assertThat(href).isEqualTo("/api/v1/predictions/models/" + accepted.json().path("id").asLong());
        JsonNode finished = ServerClient.eventually(() -> {
            JsonNode run = client.get(href).json();
            return "running".equals(run.path("status").asString()) ? null : run;
        });
        assertThat(finished.path("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void oneRunAtATime() throws Exception {
        try (Connection other = dataSource.getConnection()) {
            try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, ModelTraining.TRAINING_LOCK);
                lock.execute();
            }
            try {
                Response busy = client.admin("POST", "/api/v1/predictions/models", ShopHistory.WINDOW);
                assertThat(busy.status()).isEqualTo(409);
                assertThat(busy.json().path("title").asString()).isEqualTo("Training in progress");
            } finally {
                try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, ModelTraining.TRAINING_LOCK);
                    unlock.execute();
                }
            }
        }
    }

    @Test
    void theApiNeedsTheAdminTokenAndExplainsBadRequests() {
        Response anonymous = client.send(HttpRequest.newBuilder(URI.create(client.base()
                + "/api/v1/predictions/models")).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(client.send(HttpRequest.newBuilder(URI.create(client.base() + "/api/v1/profiles/1/predictions"))
                .build()).status()).isEqualTo(401);

        assertProblem(client.admin("POST", "/api/v1/predictions/models", "{\"windowEnd\":\"yesterday\"}"), 400,
                "windowEnd must be an ISO instant");
        assertProblem(client.admin("POST", "/api/v1/predictions/models", "{\"windowEnd\":\"2999-01-01\"}"), 400,
                "in the future");
        assertProblem(client.admin("POST", "/api/v1/predictions/models",
                "{\"windowStart\":\"2002-01-01\",\"windowEnd\":\"2001-01-01\"}"), 400, "must start before");
        assertProblem(client.get("/api/v1/predictions/models/" + Long.MAX_VALUE), 404, "no training run");
        assertProblem(client.get("/api/v1/predictions/models?limit=0"), 400, "limit");
        assertProblem(client.get("/api/v1/profiles/" + Long.MAX_VALUE + "/predictions"), 404, "No profile");
    }

    private static void assertProblem(Response response, int status, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("detail").asString()).contains(detail);
    }
}
