package io.lotse.server.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.ServerClient.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The admin API for profiles: finding people, their timeline, traits, consents and figures. */
@LotseServerTest
class ProfileApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ServerClient client;

    @BeforeEach
    void connect() {
        client = new ServerClient(port);
    }

    private JsonNode awaitEvents(String userId, long count) {
        return client.awaitProfile("userId", userId, p -> p.path("stats").path("events").asLong() == count);
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("detail").asString()).isNotBlank();
    }

    @Test
    void aProfileIsFoundByUserIdAnonymousIdEmailCaseInsensitivelyAndById() {
        String userId = ServerClient.unique("find");
        String anonymousId = ServerClient.unique("anon");
        String email = userId + "@Example.org";
        client.sendOk("/v1/identify", """
                {"userId":"%s","anonymousId":"%s","traits":{"email":"%s","name":"Finn"}}"""
                .formatted(userId, anonymousId, email));

        JsonNode profile = awaitEvents(userId, 1);
        long id = profile.path("id").asLong();

        assertThat(client.lookup("anonymousId", anonymousId).json().path("id").asLong()).isEqualTo(id);
        assertThat(client.lookup("email", email.toUpperCase(Locale.ROOT)).json().path("id").asLong()).isEqualTo(id);
        assertThat(client.lookup("email", " " + email.toLowerCase(Locale.ROOT) + " ").json().path("id").asLong())
                .isEqualTo(id);
        Response byId = client.get("/api/v1/profiles/" + id);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json().path("traits").path("name").asString()).isEqualTo("Finn");
        List<String> identities = new ArrayList<>();
        byId.json().path("identities").forEach(i -> identities.add(i.path("type").asString() + ":"
                + i.path("value").asString()));
        assertThat(identities).containsExactlyInAnyOrder("user_id:" + userId, "anonymous_id:" + anonymousId,
                "email:" + email.toLowerCase(Locale.ROOT));
    }

    @Test
    void unknownPeopleAreNotFound() {
        assertProblem(client.lookup("userId", ServerClient.unique("nobody")), 404);
        assertProblem(client.lookup("email", ServerClient.unique("nobody") + "@example.org"), 404);
        assertProblem(client.get("/api/v1/profiles/" + Long.MAX_VALUE), 404);
        assertProblem(client.get("/api/v1/profiles/" + Long.MAX_VALUE + "/events"), 404);
    }

    @Test
    void exactlyOneIdentifierMustBeGiven() {
        assertProblem(client.get("/api/v1/profiles"), 400);
        assertProblem(client.get("/api/v1/profiles?userId=a&email=a@example.org"), 400);
        assertProblem(client.get("/api/v1/profiles?userId=a&anonymousId=b"), 400);
    }

    @Test
    void eventsArePagedNewestFirstWithABeforeCursor() {
        String userId = ServerClient.unique("pages");
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 5; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"").append(userId)
                    .append("\",\"event\":\"Step ").append(i).append("\"}");
        }
        client.sendOk("/v1/batch", batch.append("]}").toString());
        long id = awaitEvents(userId, 5).path("id").asLong();

        List<String> names = new ArrayList<>();
        String path = "/api/v1/profiles/" + id + "/events?limit=2";
        JsonNode page = client.get(path).json();
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            sizes.add(page.path("events").size());
            page.path("events").forEach(e -> names.add(e.path("name").asString()));
            if (page.path("next").isMissingNode() || page.path("next").isNull()) {
                break;
            }
            page = client.get(path + "&before=" + page.path("next").asLong()).json();
        }

        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(names).containsExactly("Step 4", "Step 3", "Step 2", "Step 1", "Step 0");
        assertProblem(client.get(path.replace("limit=2", "limit=0")), 400);
    }

    @Test
    void traitsKeepTheLatestValueByEventTimeAndTheirHistory() {
        String userId = ServerClient.unique("traits");
        String identify = "{\"userId\":\"" + userId + "\",\"timestamp\":\"%s\",\"traits\":%s}";
        client.sendOk("/v1/identify", identify.formatted("2024-01-01T10:00:00Z", "{\"plan\":\"free\",\"name\":\"Tess\"}"));
        client.sendOk("/v1/identify", identify.formatted("2024-02-01T10:00:00Z", "{\"plan\":\"pro\"}"));
        // arrives last but happened first: must not overwrite
        client.sendOk("/v1/identify", identify.formatted("2023-06-01T10:00:00Z", "{\"plan\":\"trial\",\"company\":\"ACME\"}"));

        JsonNode profile = awaitEvents(userId, 3);

        assertThat(profile.path("traits").path("plan").asString()).isEqualTo("pro");
        assertThat(profile.path("traits").path("name").asString()).isEqualTo("Tess");
        assertThat(profile.path("traits").path("company").asString()).isEqualTo("ACME");
        List<String> planHistory = jdbc.sql("""
                        SELECT value #>> '{}' FROM trait_history
                        WHERE profile_id = ? AND trait = 'plan' ORDER BY observed_at""")
                .param(profile.path("id").asLong()).query(String.class).list();
        assertThat(planHistory).containsExactly("free", "pro");
    }

    @Test
    void consentsComeFromTheConsentContextAndFromTraits() {
        String userId = ServerClient.unique("consent");
        String page = ServerClient.unique("msg");
        client.sendOk("/v1/page", """
                {"userId":"%s","messageId":"%s","timestamp":"2024-03-01T10:00:00Z",
                 "context":{"consent":{"categoryPreferences":{"Marketing":true,"Advertising":false}}}}"""
                .formatted(userId, page));
        client.sendOk("/v1/identify", """
                {"userId":"%s","timestamp":"2024-03-02T10:00:00Z","traits":{"consent":{"analytics":true,"advertising":true}}}"""
                .formatted(userId));

        JsonNode consents = awaitEvents(userId, 2).path("consents");

        assertThat(consents.path("marketing").path("granted").asBoolean()).isTrue();
        assertThat(consents.path("marketing").path("messageId").asString()).isEqualTo(page);
        assertThat(consents.path("marketing").path("at").asString()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(consents.path("analytics").path("granted").asBoolean()).isTrue();
        assertThat(consents.path("advertising").path("granted").asBoolean()).as("the later choice").isTrue();
    }

    @Test
    void statsCountEventsSessionsOrdersAndRevenue() {
        String userId = ServerClient.unique("stats");
        String track = "{\"type\":\"track\",\"userId\":\"" + userId
                + "\",\"timestamp\":\"%s\",\"event\":\"%s\",\"properties\":%s}";
        client.sendOk("/v1/batch", "{\"batch\":["
                + track.formatted("2024-04-01T10:00:00Z", "Product Viewed", "{}") + ","
                + track.formatted("2024-04-01T10:20:00Z", "Order Completed", "{\"revenue\":19.99}") + ","
                + track.formatted("2024-04-01T12:00:00Z", "Product Viewed", "{}") + ","
                + track.formatted("2024-04-01T12:05:00Z", "Order Completed", "{\"total\":\"30.01\"}") + ","
                + track.formatted("2024-04-02T09:00:00Z", "Order Completed", "{\"revenue\":1e20}")
                + "]}");

        JsonNode profile = awaitEvents(userId, 5);
        JsonNode stats = profile.path("stats");

        assertThat(stats.path("sessions").asInt()).isEqualTo(3);
        assertThat(stats.path("orders").asInt()).isEqualTo(3);
        assertThat(stats.path("revenue").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(profile.path("firstSeen").asString()).isEqualTo("2024-04-01T10:00:00Z");
        assertThat(profile.path("lastSeen").asString()).isEqualTo("2024-04-02T09:00:00Z");
    }

    @Test
    void theAdminApiRefusesCallsWithoutTheRightToken() {
        for (String authorization : new String[] {null, "Bearer lt_wrong_token", "Basic "
                + java.util.Base64.getEncoder().encodeToString((LotseServerTest.ADMIN_TOKEN + ":").getBytes())}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                    URI.create(client.base() + "/api/v1/profiles?userId=someone")).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            var response = client.send(request.build());
            assertProblem(response, 401);
        }
    }

    @Test
    void theApiDescriptionListsTheProfilesApi() {
        Response docs = client.send(HttpRequest.newBuilder(URI.create(client.base() + "/v3/api-docs")).GET().build());

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/v1/profiles")).isTrue();
        assertThat(docs.json().path("paths").has("/api/v1/profiles/{id}/events")).isTrue();
        assertThat(docs.json().path("paths").has("/v1/batch")).isTrue();
    }
}
