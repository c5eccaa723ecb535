package io.lotse.server.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Profiles enter and leave segments as their events arrive, merge and are erased; each change is announced. */
@LotseServerTest
class SegmentMembershipTest {

    @LocalServerPort
    int port;

    @Autowired
    AbstractApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    private ServerClient client;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<SegmentMembershipChanged> announced = new CopyOnWriteArrayList<>();
    private final ApplicationListener<ApplicationEvent> listener = event -> {
        if (event instanceof PayloadApplicationEvent<?> payload
                && payload.getPayload() instanceof SegmentMembershipChanged change) {
            announced.add(change);
        }
    };

    @BeforeEach
    void listen() {
        client = new ServerClient(port);
        context.addApplicationListener(listener);
    }

    @AfterEach
    void stopListening() {
        context.removeApplicationListener(listener);
    }

    /** Repeat buyers of this test who accept emails. */
    private String createRepeatBuyers() {
        String key = "repeat-buyers-" + run;
        ServerClient.Response created = client.admin("POST", "/api/v1/segments", """
                {"key": "%s", "name": "Repeat buyers", "rule": {"all": [
                  {"trait": "run", "op": "eq", "value": "%s"},
                  {"consent": "email"},
                  {"event": "Order Completed", "atLeast": 2, "withinDays": 90}]}}""".formatted(key, run));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return key;
    }

    private void order(String userId) {
        client.sendOk("/v1/track", "{\"userId\": \"" + userId + "\", \"event\": \"Order Completed\","
                + " \"properties\": {\"revenue\": 30, \"category\": \"Shoes\"}}");
    }

    private void identify(String idField, String id, boolean emailConsent) {
        client.sendOk("/v1/identify", "{\"" + idField + "\": \"" + id + "\", \"traits\": {\"run\": \"" + run
                + "\"}, \"context\": {\"consent\": {\"categoryPreferences\": {\"email\": " + emailConsent + "}}}}");
    }

    private boolean isMember(String key, long profileId) {
        JsonNode members = client.get("/api/v1/segments/" + key + "/members?limit=1000").json().path("members");
        for (JsonNode member : members) {
            if (member.path("profileId").asLong() == profileId) {
                return true;
            }
        }
        return false;
    }

    private long profileOf(String param, String value, long events) {
        return client.awaitProfile(param, value, p -> p.path("stats").path("events").asLong() >= events)
                .path("id").asLong();
    }

    private void awaitAnnounced(String key, long profileId, boolean entered) {
        ServerClient.eventually(() -> announced.stream().anyMatch(c -> c.segmentKey().equals(key)
                && c.profileId() == profileId && c.entered() == entered) ? true : null);
    }

    @Test
    void aProfileEntersWhenItsEventsSatisfyTheRuleAndLeavesWhenTheyNoLongerDo() {
        String key = createRepeatBuyers();
        String userId = "buyer-" + run;
        identify("userId", userId, true);
        order(userId);
        long profileId = profileOf("userId", userId, 2);
        assertThat(isMember(key, profileId)).isFalse();

        order(userId);
        ServerClient.eventually(() -> isMember(key, profileId) ? true : null);
        awaitAnnounced(key, profileId, true);

        identify("userId", userId, false);
        ServerClient.eventually(() -> isMember(key, profileId) ? null : true);
        awaitAnnounced(key, profileId, false);

        assertThat(announced).filteredOn(c -> c.profileId() == profileId)
                .extracting(SegmentMembershipChanged::entered).containsExactly(true, false);
        List<Boolean> recorded = jdbc.sql("""
                        SELECT c.entered FROM segment_membership_changes c JOIN segments s ON s.id = c.segment_id
                        WHERE s.key = ? AND c.profile_id = ? ORDER BY c.id""")
                .params(key, profileId).query(Boolean.class).list();
        assertThat(recorded).containsExactly(true, false);
        assertThat(client.get("/api/v1/segments/" + key).json().path("size").asLong()).isZero();
    }

    @Test
    void aMergedProfileLeavesAndTheProfileItMergedIntoEntersWithItsHistory() {
        String key = createRepeatBuyers();
        String anonymousId = "anon-" + run;
        String userId = "merging-" + run;
        identify("anonymousId", anonymousId, true);
        client.sendOk("/v1/batch", "{\"batch\": [{\"type\": \"track\", \"anonymousId\": \"" + anonymousId
                + "\", \"event\": \"Order Completed\"}, {\"type\": \"track\", \"anonymousId\": \"" + anonymousId
                + "\", \"event\": \"Order Completed\"}]}");
        long anonymous = profileOf("anonymousId", anonymousId, 3);
        ServerClient.eventually(() -> isMember(key, anonymous) ? true : null);
        client.sendOk("/v1/page", "{\"userId\": \"" + userId + "\", \"name\": \"Home\"}");
        long known = profileOf("userId", userId, 1);

        client.sendOk("/v1/identify", "{\"userId\": \"" + userId + "\", \"anonymousId\": \"" + anonymousId + "\"}");

        ServerClient.eventually(() -> isMember(key, known) && !isMember(key, anonymous) ? true : null);
        awaitAnnounced(key, anonymous, false);
        awaitAnnounced(key, known, true);
        assertThat(jdbc.sql("SELECT coalesce(sum(count), 0) FROM profile_event_days WHERE profile_id = ?"
                        + " AND event = 'Order Completed'").param(known).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void anErasedProfileLeavesAndItsMembershipHistoryIsDeleted() {
        String key = createRepeatBuyers();
        String userId = "erased-" + run;
        identify("userId", userId, true);
        order(userId);
        order(userId);
        long profileId = profileOf("userId", userId, 3);
        ServerClient.eventually(() -> isMember(key, profileId) ? true : null);

        assertThat(client.admin("DELETE", "/api/v1/profiles/" + profileId, "").status()).isEqualTo(204);

        assertThat(isMember(key, profileId)).isFalse();
        awaitAnnounced(key, profileId, false);
        assertThat(jdbc.sql("SELECT count(*) FROM segment_membership_changes WHERE profile_id = ?")
                .param(profileId).query(Long.class).single()).isZero();
        assertThat(client.get("/api/v1/segments/" + key).json().path("size").asLong()).isZero();
    }

    @Test
    void aSegmentReferringToAnotherFollowsItsMembers() {
        String buyers = createRepeatBuyers();
        String key = "not-buyers-" + run;
        client.admin("POST", "/api/v1/segments", """
                {"key": "%s", "name": "Not yet repeat buyers", "rule": {"all": [
                  {"trait": "run", "op": "eq", "value": "%s"}, {"not": {"segment": "%s"}}]}}"""
                .formatted(key, run, buyers));
        String userId = "dependent-" + run;
        identify("userId", userId, true);
        order(userId);
        long profileId = profileOf("userId", userId, 2);
        ServerClient.eventually(() -> isMember(key, profileId) ? true : null);

        order(userId);

        ServerClient.eventually(() -> isMember(buyers, profileId) && !isMember(key, profileId) ? true : null);
    }
}
