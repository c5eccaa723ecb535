package io.lotse.server.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.mix.MixFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Decision cards against the running server: proposed by a fit, approved, edited, rejected, audited. */
@LotseServerTest
class DecisionApiTest {

    @LocalServerPort
    int port;

    private ServerClient client;
    private long fitId;

    @BeforeEach
    void fit() {
        client = new ServerClient(port);
        fitId = MixFixture.fit(client).path("fit").path("id").asLong();
    }

    private JsonNode propose() {
        ServerClient.Response response = client.admin("POST", "/api/v1/decisions", """
                {"fitId":%d,"month":"2019-11","by":"test"}""".formatted(fitId));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    @Test
    void aFinishedFitProposesACardInPlainGermanAndEnglish() {
        JsonNode cards = client.get("/api/v1/decisions?status=proposed").json().path("decisions");
        assertThat(cards).anySatisfy(card -> assertThat(card.path("fitId").asLong()).isEqualTo(fitId));
        JsonNode card = propose();
        assertThat(card.path("status").asString()).isEqualTo("proposed");
        assertThat(card.path("periodStart").asString()).isEqualTo("2019-11-04");
        assertThat(card.path("weeks").asInt()).isEqualTo(4);
        String english = card.path("english").path("headline").asString();
        String german = card.path("german").path("headline").asString();
        assertThat(english).containsAnyOf("Move ", "Keep the current split").contains("in November 2019")
                .contains("80% interval").contains("revenue");
        assertThat(german).containsAnyOf("verschieben", "beibehalten").contains("November 2019")
                .contains("80-%-Intervall").contains("Umsatz");
        assertThat(card.path("english").path("evidence").asString()).contains("Based on 40 weeks")
                .contains("mix-" + fitId);
        assertThat(card.path("german").path("caveats")).extracting(c -> c.path("code").asString())
                .contains("history_under_a_year");
        assertThat(card.path("audit").get(0).path("action").asString()).isEqualTo("proposed");
        assertThat(card.path("audit").get(0).path("actor").asString()).isEqualTo("admin-api:test");
    }

    @Test
    void approvingMakesThePlanActiveAndIsAudited() {
        long id = propose().path("id").asLong();
        ServerClient.Response approved = client.admin("POST", "/api/v1/decisions/" + id + "/approve", """
                {"comment":"Looks right","by":"maria"}""");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode card = approved.json();
        assertThat(card.path("status").asString()).isEqualTo("approved");
        assertThat(card.path("decision").path("by").asString()).isEqualTo("admin-api:maria");
        assertThat(card.path("decision").path("comment").asString()).isEqualTo("Looks right");
        assertThat(card.path("approved").path("edited").asBoolean()).isFalse();
        assertThat(card.path("audit")).extracting(a -> a.path("action").asString()).containsExactly("proposed",
                "approved");
        assertThat(card.path("audit").get(1).path("modelVersion").asString()).isEqualTo("mix-" + fitId
                + "/lotse-mix-1");
        JsonNode active = client.get("/api/v1/decisions/active-plan").json();
        assertThat(active.path("cardId").asLong()).isEqualTo(id);
        assertThat(active.path("plan").has("tv")).isTrue();
        assertThat(card.path("actuals").path("daysSeen").asInt()).as("the period lies in the past")
                .isEqualTo(28);
        assertThat(card.path("actuals").path("verdict").asString()).isIn("below", "within", "above");

        ServerClient.Response again = client.admin("POST", "/api/v1/decisions/" + id + "/approve", "{}");
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void anEditIsForecastAgainAndApproved() {
        long id = propose().path("id").asLong();
        ServerClient.Response edited = client.admin("POST", "/api/v1/decisions/" + id + "/edit", """
                {"plan":{"tv":0},"comment":"No TV in November"}""");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        JsonNode card = edited.json();
        assertThat(card.path("status").asString()).isEqualTo("approved");
        assertThat(card.path("approved").path("edited").asBoolean()).isTrue();
        assertThat(card.path("approved").path("plan").path("tv").asDouble()).isZero();
        assertThat(card.path("approved").path("forecast").path("change").path("value").asDouble())
                .as("stopping TV loses revenue").isNegative();
        assertThat(card.path("audit").get(1).path("action").asString()).isEqualTo("edited");

        ServerClient.Response unknown = client.admin("POST", "/api/v1/decisions/" + propose().path("id").asLong()
                + "/edit", """
                {"plan":{"radio":10}}""");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("detail").asString()).contains("no channel 'radio'");
    }

    @Test
    void rejectingNeedsAReason() {
        long id = propose().path("id").asLong();
        ServerClient.Response bare = client.admin("POST", "/api/v1/decisions/" + id + "/reject", "{}");
        assertThat(bare.status()).isEqualTo(400);
        assertThat(bare.json().path("detail").asString()).contains("comment is required");
        ServerClient.Response rejected = client.admin("POST", "/api/v1/decisions/" + id + "/reject", """
                {"comment":"We have a TV contract until March"}""");
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().path("status").asString()).isEqualTo("rejected");
        assertThat(client.get("/api/v1/decisions/" + id).json().path("audit").get(1).path("comment").asString())
                .isEqualTo("We have a TV contract until March");
        assertThat(client.get("/api/v1/decisions/987654321").status()).isEqualTo(404);
    }

    @Test
    void aNewProposalSupersedesTheOpenOne() {
        long first = propose().path("id").asLong();
        long second = propose().path("id").asLong();
        assertThat(client.get("/api/v1/decisions/" + first).json().path("status").asString())
                .isEqualTo("superseded");
        assertThat(client.get("/api/v1/decisions/" + second).json().path("status").asString())
                .isEqualTo("proposed");
    }
}
