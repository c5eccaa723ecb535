package io.lotse.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.ServerClient.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Erasing a person through the API, and what happens when they come back. */
@LotseServerTest
class ErasureTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ServerClient client;

    @BeforeEach
    void connect() {
        client = new ServerClient(port);
    }

    private double suppressedEvents() {
        String metrics = client.send(HttpRequest.newBuilder(URI.create(client.base() + "/actuator/prometheus"))
                .GET().build()).body();
        Matcher matcher = Pattern.compile("(?m)^lotse_events_suppressed_total(\\{[^}]*})? ([0-9.eE+-]+)$")
                .matcher(metrics);
        assertThat(matcher.find()).as("lotse_events_suppressed_total is exposed").isTrue();
        return Double.parseDouble(matcher.group(2));
    }

    @Test
    void erasingRemovesProfileIdentitiesAndEventsAndLaterEventsAreDroppedUntilConsent() {
        String userId = ServerClient.unique("erase");
        String anonymousId = ServerClient.unique("anon");
        String email = userId + "@example.org";
        client.sendOk("/v1/identify", """
                {"userId":"%s","anonymousId":"%s","traits":{"email":"%s","name":"Eve"}}"""
                .formatted(userId, anonymousId, email));
        client.sendOk("/v1/track", "{\"userId\":\"" + userId + "\",\"event\":\"Order Completed\","
                + "\"properties\":{\"revenue\":30}}");
        long id = client.awaitProfile("userId", userId, p -> p.path("stats").path("orders").asLong() == 1)
                .path("id").asLong();
        // Engage may record a stage change the order earns; once it has read the order, that is in the log and
        // goes with the rest, instead of arriving after the erasure and counting as a dropped event.
        long order = jdbc.sql("SELECT max(seq) FROM events WHERE user_id = ?").param(userId).query(Long.class).single();
        ServerClient.eventually(() -> jdbc.sql("SELECT position FROM log_consumers WHERE name = 'engage'")
                .query(Long.class).single() >= order ? true : null);

        Response erase = client.admin("DELETE", "/api/v1/profiles/" + id, "");

        assertThat(erase.status()).isEqualTo(204);
        assertThat(client.lookup("userId", userId).status()).isEqualTo(404);
        assertThat(client.lookup("anonymousId", anonymousId).status()).isEqualTo(404);
        assertThat(client.lookup("email", email).status()).isEqualTo(404);
        assertThat(client.get("/api/v1/profiles/" + id).status()).isEqualTo(404);
        assertThat(client.get("/api/v1/profiles/" + id + "/events").status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM events WHERE user_id = ? OR anonymous_id = ?")
                .params(userId, anonymousId).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM identities WHERE profile_id = ?").param(id)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM suppressions WHERE identifier_hash LIKE ?").param("%" + userId + "%")
                .query(Long.class).single()).as("only hashes are kept").isZero();

        double suppressedBefore = suppressedEvents();
        client.sendOk("/v1/track", "{\"userId\":\"" + userId + "\",\"event\":\"Came Back\"}");
        client.sendOk("/v1/page", "{\"anonymousId\":\"" + anonymousId + "\"}");
        client.sendOk("/v1/identify", "{\"anonymousId\":\"" + ServerClient.unique("new-device") + "\",\"traits\":{\"email\":\""
                + email.toUpperCase(java.util.Locale.ROOT) + "\"}}");
        assertThat(suppressedEvents() - suppressedBefore).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM events WHERE user_id = ? OR anonymous_id = ?")
                .params(userId, anonymousId).query(Long.class).single()).as("nothing was stored").isZero();

        String consent = ServerClient.unique("msg");
        client.sendOk("/v1/track", """
                {"userId":"%s","event":"Consented","messageId":"%s",
                 "context":{"consent":{"categoryPreferences":{"marketing":true}}}}""".formatted(userId, consent));
        // having consented again, the person is tracked with every identifier they had
        client.sendOk("/v1/page", "{\"userId\":\"" + userId + "\",\"anonymousId\":\"" + anonymousId + "\"}");
        client.sendOk("/v1/identify", "{\"anonymousId\":\"" + anonymousId + "\",\"traits\":{\"email\":\"" + email + "\"}}");

        JsonNode again = client.awaitProfile("userId", userId, p -> p.path("stats").path("events").asLong() == 3);
        assertThat(again.path("id").asLong()).isNotEqualTo(id);
        assertThat(again.path("traits").has("name")).as("nothing of the erased profile came back").isFalse();
        assertThat(client.lookup("email", email).json().path("id").asLong()).isEqualTo(again.path("id").asLong());
        assertThat(again.path("stats").path("orders").asInt()).isZero();
        assertThat(again.path("consents").path("marketing").path("messageId").asString()).isEqualTo(consent);
        assertThat(client.lookup("anonymousId", anonymousId).json().path("id").asLong()).isEqualTo(again.path("id").asLong());
    }

    @Test
    void aNewConsentLiftsOnlyTheSuppressionOfThePersonWhoGaveIt() {
        String returning = ServerClient.unique("returning");
        String staying = ServerClient.unique("staying-away");
        for (String userId : new String[] {returning, staying}) {
            client.sendOk("/v1/identify", "{\"userId\":\"" + userId + "\"}");
            long id = client.awaitProfile("userId", userId, p -> true).path("id").asLong();
            assertThat(client.admin("DELETE", "/api/v1/profiles/" + id, "").status()).isEqualTo(204);
        }

        client.sendOk("/v1/identify", "{\"userId\":\"" + returning + "\",\"traits\":{\"consent\":{\"marketing\":true}}}");
        double suppressedBefore = suppressedEvents();
        client.sendOk("/v1/track", "{\"userId\":\"" + staying + "\",\"event\":\"Still Erased\"}");
        client.sendOk("/v1/track", "{\"userId\":\"" + returning + "\",\"event\":\"Back\"}");

        assertThat(suppressedEvents() - suppressedBefore).isEqualTo(1);
        client.awaitProfile("userId", returning, p -> p.path("stats").path("events").asLong() == 2);
        assertThat(jdbc.sql("SELECT count(*) FROM events WHERE user_id = ?").param(staying).query(Long.class).single())
                .isZero();
    }

    @Test
    void erasingAMergedProfileErasesEveryPartOfThePerson() {
        String userId = ServerClient.unique("erase-merged");
        String device = ServerClient.unique("anon");
        client.sendOk("/v1/page", "{\"anonymousId\":\"" + device + "\"}");
        long anonymousProfile = client.awaitProfile("anonymousId", device, p -> true).path("id").asLong();
        String otherDevice = ServerClient.unique("anon");
        client.sendOk("/v1/identify", "{\"userId\":\"" + userId + "\",\"anonymousId\":\"" + otherDevice + "\"}");
        client.awaitProfile("userId", userId, p -> true);
        client.sendOk("/v1/identify", "{\"userId\":\"" + userId + "\",\"anonymousId\":\"" + device + "\"}");
        long id = client.awaitProfile("userId", userId, p -> p.path("stats").path("events").asLong() == 3)
                .path("id").asLong();

        assertThat(client.admin("DELETE", "/api/v1/profiles/" + anonymousProfile, "").status())
                .as("the id of a merged profile leads to the person").isEqualTo(204);

        assertThat(client.lookup("userId", userId).status()).isEqualTo(404);
        assertThat(client.lookup("anonymousId", device).status()).isEqualTo(404);
        assertThat(client.lookup("anonymousId", otherDevice).status()).isEqualTo(404);
        assertThat(client.get("/api/v1/profiles/" + id).status()).isEqualTo(404);
        assertThat(client.get("/api/v1/profiles/" + anonymousProfile).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM events WHERE anonymous_id IN (?, ?) OR user_id = ?")
                .params(device, otherDevice, userId).query(Long.class).single()).isZero();
    }

    @Test
    void erasingAnUnknownProfileIsNotFound() {
        Response response = client.admin("DELETE", "/api/v1/profiles/" + Long.MAX_VALUE, "");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("status").asInt()).isEqualTo(404);
    }

    @Test
    void erasingNeedsTheAdminToken() {
        Response response = client.send(HttpRequest.newBuilder(URI.create(client.base() + "/api/v1/profiles/1"))
                .header("Authorization", "Bearer lt_not_the_token").DELETE().build());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("status").asInt()).isEqualTo(401);
    }
}
