package io.lotse.server.mix;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The mix API against the running server: spend import, fit, results, curves, allocation, attribution. */
@LotseServerTest
class MixApiTest {

    @LocalServerPort
    int port;

    private ServerClient client;

    @BeforeEach
    void connect() {
        client = new ServerClient(port);
    }

    private ServerClient.Response upload(String fileName, String content, boolean dryRun) {
        return client.send(HttpRequest.newBuilder(URI.create(client.base() + "/api/v1/mix/spend?filename="
                        + fileName + "&dryRun=" + dryRun))
                .header("Authorization", "Bearer " + LotseServerTest.ADMIN_TOKEN)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString(content, StandardCharsets.UTF_8)).build());
    }

    @Test
    void importsSpendAccountingForEveryRow() {
        String file = """
                week,paid social,display
                2018-03-05,"1,200.50",300
                2018-03-07,100,
                2018-03-12,-5,300
                not a date,1,1
                2018-W12,250,0
                """;
        ServerClient.Response response = upload("wide.csv", file, true);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.path("layout").asString()).isEqualTo("wide");
        assertThat(report.path("rows").asInt()).isEqualTo(5);
        assertThat(report.path("imported").asInt()).isEqualTo(3);
        assertThat(report.path("rejected").asInt()).isEqualTo(2);
        assertThat(report.path("rejectedRows").get(0).path("line").asInt()).isEqualTo(4);
        assertThat(report.path("rejectedRows").get(0).path("reason").asString()).isEqualTo("negative_spend");
        assertThat(report.path("rejectedRows").get(1).path("reason").asString()).isEqualTo("unparseable_date");
        assertThat(report.path("weeks").asInt()).isEqualTo(2);
        assertThat(report.path("channels")).extracting(JsonNode::asString).containsExactly("display", "paid_social");
        assertThat(report.path("totalSpend").asDouble()).isEqualTo(1200.50 + 300 + 100 + 250);
        assertThat(report.path("stored").asInt()).as("a dry run stores nothing").isZero();
    }

    @Test
    void refusesFilesItCannotRead() {
        ServerClient.Response noDate = upload("x.csv", "channel,spend\ntv,1\n", false);
        assertThat(noDate.status()).isEqualTo(400);
        assertThat(noDate.json().path("detail").asString()).contains("no date column");
        ServerClient.Response format = upload("x.pdf", "%PDF", false);
        assertThat(format.status()).isEqualTo(400);
        assertThat(format.json().path("detail").asString()).contains("no supported format");
    }

    @Test
    void fitsTheModelAndAnswersFromIt() {
        JsonNode fit = MixFixture.fit(client);
        long id = fit.path("fit").path("id").asLong();
        assertThat(fit.path("fit").path("modelVersion").asString()).isEqualTo("mix-" + id + "/lotse-mix-1");
        assertThat(fit.path("fit").path("firstWeek").asString()).isEqualTo(MixFixture.FIRST_WEEK.toString());
        assertThat(fit.path("fit").path("weeks").asInt()).isEqualTo(MixFixture.WEEKS);
        assertThat(fit.path("channels")).hasSize(2);
        assertThat(fit.path("diagnostics").path("r2").asDouble()).isGreaterThan(0.8);
        assertThat(fit.path("provenance").path("settings").path("seed").asLong()).isEqualTo(3);
        JsonNode tv = fit.path("channels").get(1);
        assertThat(tv.path("channel").asString()).isEqualTo("tv");
        assertThat(tv.path("roiInterval").get(0).asDouble()).isLessThanOrEqualTo(tv.path("roi").asDouble());
        assertThat(tv.path("pausedShare").asDouble()).isEqualTo(0.5);

        JsonNode contributions = client.get("/api/v1/mix/contributions?fit=" + id).json();
        assertThat(contributions.path("weeks")).hasSize(MixFixture.WEEKS);
        assertThat(contributions.path("components")).extracting(c -> c.path("name").asString())
                .contains("intercept", "trend", "seasonality", "paid_search", "tv");

        JsonNode curves = client.get("/api/v1/mix/curves?fit=" + id).json();
        assertThat(curves.path("channels").get(0).path("points")).hasSize(41);
        assertThat(curves.path("channels").get(0).path("points").get(0).path("response").asDouble()).isZero();

        ServerClient.Response allocation = client.admin("POST", "/api/v1/mix/allocate?fit=" + id, """
                {"start":"2019-11-04","weeks":4,"locked":["tv"]}""");
        assertThat(allocation.status()).as(allocation.body()).isEqualTo(200);
        JsonNode answer = allocation.json();
        assertThat(answer.path("modelVersion").asString()).isEqualTo("mix-" + id + "/lotse-mix-1");
        assertThat(answer.path("channels")).hasSize(2);
        JsonNode lockedTv = answer.path("channels").get(1);
        assertThat(lockedTv.path("recommended").asDouble()).isEqualTo(lockedTv.path("current").asDouble());
        assertThat(answer.path("relativeChange").path("level").asDouble()).isEqualTo(0.8);
        assertThat(answer.path("caveats")).extracting(JsonNode::asString).contains("history_under_a_year",
                "no_lift_tests");
    }

    @Test
    void explainsWhyAQuestionCannotBeAnswered() {
        MixFixture.fit(client);
        ServerClient.Response unknown = client.admin("POST", "/api/v1/mix/allocate", """
                {"start":"2019-11-04","weeks":4,"locked":["radio"]}""");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("detail").asString()).contains("no channel 'radio'");
        ServerClient.Response tooMuch = client.admin("POST", "/api/v1/mix/allocate", """
                {"start":"2019-11-04","weeks":4,"budget":1e9}""");
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.json().path("detail").asString()).contains("exceeds the sum of the upper bounds");
        assertThat(client.get("/api/v1/mix/fits/999999999").status()).isEqualTo(404);
    }

    @Test
    void storesLiftTestsAndRefusesImpossibleOnes() {
        ServerClient.Response stored = client.admin("POST", "/api/v1/mix/lift-tests", """
                {"channel":"tv","from":"2019-03-04","to":"2019-03-31","incremental":20000,"lower":15000,
                 "upper":25000,"note":"geo test north vs south"}""");
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        long id = stored.json().path("id").asLong();
        assertThat(client.get("/api/v1/mix/lift-tests").json().path("liftTests"))
                .anySatisfy(t -> assertThat(t.path("id").asLong()).isEqualTo(id));
        ServerClient.Response impossible = client.admin("POST", "/api/v1/mix/lift-tests", """
                {"channel":"tv","from":"2019-03-04","to":"2019-03-31","incremental":20000,"lower":21000,
                 "upper":25000}""");
        assertThat(impossible.status()).isEqualTo(400);
        assertThat(impossible.json().path("detail").asString()).contains("interval must contain");
        assertThat(client.admin("DELETE", "/api/v1/mix/lift-tests/" + id, "").status()).isEqualTo(204);
    }

    @Test
    void attributesOrdersToTheCampaignTouchesBeforeThem() {
        String buyer = ServerClient.unique("journey");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        client.sendOk("/v1/batch", """
                {"batch":[
                 {"type":"page","anonymousId":"%1$s-a","messageId":"%1$s-1","timestamp":"%2$s",
                  "context":{"campaign":{"name":"s","source":"google","medium":"cpc"}}},
                 {"type":"page","anonymousId":"%1$s-a","messageId":"%1$s-2","timestamp":"%3$s",
                  "context":{"campaign":{"name":"n","source":"newsletter","medium":"email"}}},
                 {"type":"track","anonymousId":"%1$s-a","event":"Order Completed","messageId":"%1$s-3",
                  "timestamp":"%4$s","properties":{"order_id":"%1$s","revenue":80}}]}"""
                .formatted(buyer, now.minus(3, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS),
                        now.minus(1, ChronoUnit.HOURS)));
        LocalDate today = LocalDate.now(OrderQueries.ZONE);
        JsonNode attribution = client.get("/api/v1/mix/attribution?from=" + today.minusDays(7) + "&to=" + today)
                .json();
        assertThat(attribution.path("journeys").asInt()).isPositive();
        assertThat(attribution.path("models").path("first_touch").path("conversions").has("paid_search")).isTrue();
        assertThat(attribution.path("models").path("last_touch").path("conversions").has("email")).isTrue();
        assertThat(attribution.path("models").propertyNames()).contains("markov", "shapley", "time_decay");
        assertThat(attribution.path("removalEffects").has("email")).isTrue();
    }
}
