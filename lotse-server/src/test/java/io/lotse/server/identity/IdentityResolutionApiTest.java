package io.lotse.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.ServerClient.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Which events become one person, seen through the tracking API and the profiles API. */
@LotseServerTest
class IdentityResolutionApiTest {

    @LocalServerPort
    int port;

    private ServerClient client;

    @BeforeEach
    void connect() {
        client = new ServerClient(port);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private void send(String path, String body) {
        Response response = client.track(path, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private Response lookup(String param, String value) {
        return client.get("/api/v1/profiles?" + param + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private JsonNode awaitProfile(String param, String value, Predicate<JsonNode> ready) {
        return ServerClient.eventually(() -> {
            Response response = lookup(param, value);
            return response.status() == 200 && ready.test(response.json()) ? response.json() : null;
        });
    }

    private static long events(JsonNode profile) {
        return profile.path("stats").path("events").asLong();
    }

    private static List<String> identities(JsonNode profile) {
        List<String> ids = new ArrayList<>();
        profile.path("identities").forEach(i -> ids.add(i.path("type").asString() + ":" + i.path("value").asString()));
        return ids;
    }

    @Test
    void anonymousBrowsingThenIdentifyJoinsOneProfile() {
        String anonymousId = unique("anon");
        String userId = unique("user");
        send("/v1/page", "{\"anonymousId\":\"" + anonymousId + "\",\"name\":\"Home\"}");
        send("/v1/page", "{\"anonymousId\":\"" + anonymousId + "\",\"name\":\"Pricing\"}");
        long anonymousProfile = awaitProfile("anonymousId", anonymousId, p -> events(p) == 2).path("id").asLong();

        send("/v1/identify", "{\"anonymousId\":\"" + anonymousId + "\",\"userId\":\"" + userId + "\"}");

        JsonNode profile = awaitProfile("userId", userId, p -> events(p) == 3);
        assertThat(profile.path("id").asLong()).isEqualTo(anonymousProfile);
        assertThat(identities(profile)).containsExactlyInAnyOrder("anonymous_id:" + anonymousId, "user_id:" + userId);
        assertThat(client.get("/api/v1/profiles/" + anonymousProfile + "/events").json().path("events")).hasSize(3);
    }

    @Test
    void twoDevicesAreJoinedThroughTheUserId() {
        String userId = unique("user");
        String laptop = unique("laptop");
        String phone = unique("phone");
        send("/v1/identify", "{\"anonymousId\":\"" + laptop + "\",\"userId\":\"" + userId + "\"}");
        send("/v1/page", "{\"anonymousId\":\"" + phone + "\"}");
        awaitProfile("anonymousId", phone, p -> events(p) == 1);
        awaitProfile("userId", userId, p -> events(p) == 1);

        String joining = unique("msg");
        send("/v1/identify", "{\"anonymousId\":\"" + phone + "\",\"userId\":\"" + userId + "\",\"messageId\":\""
                + joining + "\"}");

        JsonNode profile = awaitProfile("userId", userId, p -> events(p) == 3);
        assertThat(identities(profile)).contains("anonymous_id:" + laptop, "anonymous_id:" + phone);
        assertThat(lookup("anonymousId", phone).json().path("id").asLong()).isEqualTo(profile.path("id").asLong());
        assertThat(lookup("anonymousId", laptop).json().path("id").asLong()).isEqualTo(profile.path("id").asLong());
        assertThat(profile.path("merges")).hasSize(1);
        assertThat(profile.path("merges").get(0).path("causeMessageId").asString()).isEqualTo(joining);
    }

    @Test
    void anEmailJoinsAnonymousProfilesAndTheMergeIsRecordedWithItsCause() {
        String email = unique("ada") + "@example.org";
        String first = unique("anon");
        String second = unique("anon");
        send("/v1/identify", "{\"anonymousId\":\"" + first + "\",\"traits\":{\"email\":\"" + email + "\"}}");
        send("/v1/page", "{\"anonymousId\":\"" + second + "\"}");
        long firstProfile = awaitProfile("anonymousId", first, p -> events(p) == 1).path("id").asLong();
        long secondProfile = awaitProfile("anonymousId", second, p -> events(p) == 1).path("id").asLong();
        assertThat(firstProfile).isNotEqualTo(secondProfile);

        String cause = unique("msg");
        send("/v1/identify", "{\"anonymousId\":\"" + second + "\",\"messageId\":\"" + cause
                + "\",\"traits\":{\"email\":\"" + email.toUpperCase(java.util.Locale.ROOT) + "\"}}");

        JsonNode profile = awaitProfile("email", email, p -> events(p) == 3);
        assertThat(identities(profile)).contains("anonymous_id:" + first, "anonymous_id:" + second, "email:" + email);
        assertThat(lookup("anonymousId", second).json().path("id").asLong()).isEqualTo(profile.path("id").asLong());
        JsonNode merge = profile.path("merges").get(0);
        assertThat(merge.path("causeMessageId").asString()).isEqualTo(cause);
        assertThat(List.of(merge.path("survivorId").asLong(), merge.path("mergedId").asLong()))
                .containsExactlyInAnyOrder(firstProfile, secondProfile);
        List<String> linking = new ArrayList<>();
        merge.path("linking").forEach(l -> linking.add(l.asString()));
        assertThat(linking).contains("email:" + email);
        assertThat(client.get("/api/v1/profiles/" + merge.path("mergedId").asLong()).json().path("id").asLong())
                .as("the merged profile's id leads to the survivor").isEqualTo(profile.path("id").asLong());
    }

    @Test
    void twoDifferentUserIdsOnASharedDeviceNeverMerge() {
        String device = unique("family-tablet");
        String alice = unique("alice");
        String bob = unique("bob");
        send("/v1/identify", "{\"anonymousId\":\"" + device + "\",\"userId\":\"" + alice + "\"}");
        awaitProfile("userId", alice, p -> events(p) == 1);
        send("/v1/identify", "{\"anonymousId\":\"" + device + "\",\"userId\":\"" + bob + "\"}");
        send("/v1/track", "{\"anonymousId\":\"" + device + "\",\"userId\":\"" + bob + "\",\"event\":\"Played\"}");

        JsonNode bobs = awaitProfile("userId", bob, p -> events(p) == 2);
        JsonNode alices = awaitProfile("userId", alice, p -> true);
        assertThat(bobs.path("id").asLong()).isNotEqualTo(alices.path("id").asLong());
        assertThat(identities(bobs)).doesNotContain("user_id:" + alice);
        assertThat(identities(alices)).doesNotContain("user_id:" + bob);
        assertThat(bobs.path("merges")).isEmpty();
        assertThat(alices.path("merges")).isEmpty();
    }

    @Test
    void aRefusedLinkRepeatedWithinOneBatchIsCountedAndProfilesKeepUpdating() {
        String device = unique("shared-laptop");
        String alice = unique("alice");
        String bob = unique("bob");
        send("/v1/identify", "{\"anonymousId\":\"" + device + "\",\"userId\":\"" + alice + "\"}");
        awaitProfile("userId", alice, p -> events(p) == 1);
        send("/v1/batch", """
                {"batch":[
                  {"type":"identify","anonymousId":"%1$s","userId":"%2$s"},
                  {"type":"track","anonymousId":"%1$s","userId":"%2$s","event":"Played"},
                  {"type":"track","anonymousId":"%1$s","userId":"%2$s","event":"Paused"}]}""".formatted(device, bob));

        JsonNode bobs = awaitProfile("userId", bob, p -> events(p) == 3);
        assertThat(identities(bobs)).doesNotContain("user_id:" + alice);
    }

    @Test
    void blocklistedJunkValuesDoNotJoinPeople() {
        String first = unique("user");
        String second = unique("user");
        for (String userId : List.of(first, second)) {
            send("/v1/identify", "{\"userId\":\"" + userId + "\",\"anonymousId\":\"undefined\","
                    + "\"traits\":{\"email\":\"test@test.com\"}}");
        }
        String anonymous = unique("anon");
        send("/v1/identify", "{\"anonymousId\":\"" + anonymous + "\",\"traits\":{\"email\":\"TEST@test.com\"}}");

        JsonNode one = awaitProfile("userId", first, p -> events(p) == 1);
        JsonNode two = awaitProfile("userId", second, p -> events(p) == 1);
        JsonNode three = awaitProfile("anonymousId", anonymous, p -> events(p) == 1);
        assertThat(List.of(one.path("id").asLong(), two.path("id").asLong(), three.path("id").asLong()))
                .doesNotHaveDuplicates();
        assertThat(identities(one)).containsExactly("user_id:" + first);
        assertThat(lookup("anonymousId", "undefined").status()).isEqualTo(404);
        assertThat(lookup("email", "test@test.com").status()).isEqualTo(404);
    }

    @Test
    void unmergeSplitsAWrongMergeAndTheProfilesStayApart() {
        String shared = unique("shared") + "@example.org";
        String first = unique("anon");
        String second = unique("anon");
        send("/v1/identify", "{\"anonymousId\":\"" + first + "\",\"traits\":{\"email\":\"" + shared + "\"}}");
        send("/v1/page", "{\"anonymousId\":\"" + first + "\"}");
        send("/v1/page", "{\"anonymousId\":\"" + second + "\"}");
        long firstProfile = awaitProfile("anonymousId", first, p -> events(p) == 2).path("id").asLong();
        long secondProfile = awaitProfile("anonymousId", second, p -> events(p) == 1).path("id").asLong();
        send("/v1/identify", "{\"anonymousId\":\"" + second + "\",\"traits\":{\"email\":\"" + shared + "\"}}");
        JsonNode merged = awaitProfile("anonymousId", second, p -> events(p) == 4);
        long survivor = merged.path("id").asLong();
        long restored = survivor == firstProfile ? secondProfile : firstProfile;

        Response unmerge = client.admin("POST", "/api/v1/profiles/" + survivor + "/unmerge", "");

        assertThat(unmerge.status()).as(unmerge.body()).isEqualTo(200);
        assertThat(unmerge.json().path("survivorId").asLong()).isEqualTo(survivor);
        assertThat(unmerge.json().path("restoredId").asLong()).isEqualTo(restored);
        JsonNode firstAfter = awaitProfile("anonymousId", first, p -> true);
        JsonNode secondAfter = awaitProfile("anonymousId", second, p -> true);
        assertThat(firstAfter.path("id").asLong()).isEqualTo(firstProfile);
        assertThat(secondAfter.path("id").asLong()).isEqualTo(secondProfile);
        assertThat(identities(firstAfter)).containsExactlyInAnyOrder("anonymous_id:" + first, "email:" + shared);
        assertThat(identities(secondAfter)).containsExactly("anonymous_id:" + second);
        assertThat(events(firstAfter)).isEqualTo(2);
        assertThat(events(secondAfter)).as("its page view and the identify that linked them").isEqualTo(2);
        assertThat(firstAfter.path("merges").get(0).path("undoneAt").isNull()).isFalse();

        // the same link seen again does not merge them again
        String relink = unique("msg");
        send("/v1/identify", "{\"anonymousId\":\"" + second + "\",\"messageId\":\"" + relink
                + "\",\"traits\":{\"email\":\"" + shared + "\"}}");
        send("/v1/page", "{\"anonymousId\":\"" + second + "\"}");
        JsonNode secondLater = awaitProfile("anonymousId", second, p -> events(p) >= 3);
        JsonNode firstLater = awaitProfile("anonymousId", first, p -> true);
        assertThat(secondLater.path("id").asLong()).isEqualTo(secondProfile);
        assertThat(firstLater.path("id").asLong()).isEqualTo(firstProfile);
        assertThat(identities(secondLater)).doesNotContain("email:" + shared);
        assertThat(lookup("email", shared).json().path("id").asLong()).isEqualTo(firstProfile);

        assertThat(client.admin("POST", "/api/v1/profiles/" + survivor + "/unmerge", "").status())
                .as("nothing left to undo").isEqualTo(404);
    }

    @Test
    void unmergingAProfileWithoutMergesIsNotFound() {
        String userId = unique("single");
        send("/v1/identify", "{\"userId\":\"" + userId + "\"}");
        long id = awaitProfile("userId", userId, p -> true).path("id").asLong();

        Response response = client.admin("POST", "/api/v1/profiles/" + id + "/unmerge", "");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("detail").asString()).contains("no merge");
        assertThat(client.admin("POST", "/api/v1/profiles/" + Long.MAX_VALUE + "/unmerge", "").status())
                .isEqualTo(404);
    }
}
