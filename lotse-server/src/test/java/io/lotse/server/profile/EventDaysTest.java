package io.lotse.server.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Profiles count their track events per day, name and category, through merges, unmerges and erasure. */
@LotseServerTest
class EventDaysTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ServerClient client;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void connect() {
        client = new ServerClient(port);
    }

    private List<String> days(long profileId) {
        return jdbc.sql("""
                        SELECT day || ' ' || event || ' [' || category || '] ' || count FROM profile_event_days
                        WHERE profile_id = ? ORDER BY day, event, category""")
                .param(profileId).query(String.class).list();
    }

    private String track(String idField, String id, String event, String timestamp, String properties) {
        return "{\"type\": \"track\", \"" + idField + "\": \"" + id + "\", \"event\": \"" + event
                + "\", \"timestamp\": \"" + timestamp + "\", \"properties\": " + properties + "}";
    }

    private long profile(String param, String value, long events) {
        return client.awaitProfile(param, value, p -> p.path("stats").path("events").asLong() == events)
                .path("id").asLong();
    }

    @Test
    void trackEventsAreCountedPerDayNameAndCategory() {
        String userId = "days-" + run;
        client.sendOk("/v1/batch", "{\"batch\": [" + String.join(",",
                track("userId", userId, "Product Viewed", "2026-03-01T10:00:00Z", "{\"category\": \"Shoes\"}"),
                track("userId", userId, "Product Viewed", "2026-03-01T23:59:59Z", "{\"category\": \"Shoes\"}"),
                track("userId", userId, "Product Viewed", "2026-03-01T12:00:00Z", "{\"category\": \"Bags\"}"),
                track("userId", userId, "Product Viewed", "2026-03-02T00:00:01Z", "{\"category\": 7}"),
                track("userId", userId, "Order Completed", "2026-03-02T09:00:00Z", "{\"revenue\": 20}"),
                "{\"type\": \"page\", \"userId\": \"" + userId + "\", \"name\": \"Home\"}") + "]}");

        long profileId = profile("userId", userId, 6);

        assertThat(days(profileId)).containsExactly(
                "2026-03-01 Product Viewed [Bags] 1",
                "2026-03-01 Product Viewed [Shoes] 2",
                "2026-03-02 Order Completed [] 1",
                "2026-03-02 Product Viewed [] 1");

        client.sendOk("/v1/track", track("userId", userId, "Product Viewed", "2026-03-01T18:00:00Z",
                "{\"category\": \"Shoes\"}").replace("\"type\": \"track\", ", ""));
        profile("userId", userId, 7);
        assertThat(days(profileId)).contains("2026-03-01 Product Viewed [Shoes] 3");
    }

    @Test
    void mergesMoveTheCountsUnmergesRebuildThemAndErasureDeletesThem() {
        String anonymousId = "days-anon-" + run;
        String userId = "days-user-" + run;
        client.sendOk("/v1/batch", "{\"batch\": [" + String.join(",",
                track("anonymousId", anonymousId, "Product Viewed", "2026-04-01T10:00:00Z", "{\"category\": \"Shoes\"}"),
                track("userId", userId, "Product Viewed", "2026-04-01T11:00:00Z", "{\"category\": \"Shoes\"}"),
                track("userId", userId, "Order Completed", "2026-04-02T11:00:00Z", "{}")) + "]}");
        long anonymous = profile("anonymousId", anonymousId, 1);
        long known = profile("userId", userId, 2);

        client.sendOk("/v1/identify", "{\"userId\": \"" + userId + "\", \"anonymousId\": \"" + anonymousId
                + "\", \"timestamp\": \"2026-04-03T10:00:00Z\"}");
        profile("userId", userId, 4);

        assertThat(days(known)).containsExactly("2026-04-01 Product Viewed [Shoes] 2",
                "2026-04-02 Order Completed [] 1");
        assertThat(days(anonymous)).isEmpty();

        assertThat(client.admin("POST", "/api/v1/profiles/" + known + "/unmerge", "").status()).isEqualTo(200);
        assertThat(days(anonymous)).containsExactly("2026-04-01 Product Viewed [Shoes] 1");
        assertThat(days(known)).containsExactly("2026-04-01 Product Viewed [Shoes] 1",
                "2026-04-02 Order Completed [] 1");

        assertThat(client.admin("DELETE", "/api/v1/profiles/" + known, "").status()).isEqualTo(204);
        assertThat(days(known)).isEmpty();
    }
}
