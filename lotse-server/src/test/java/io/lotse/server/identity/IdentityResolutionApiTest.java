package io.lotse.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.ServerClient.Response;
import java.util.ArrayList;
import java.util.List;
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
        String anonymousId = ServerClient.unique("anon");
        String userId = ServerClient.unique("user");
        client.sendOk("/v1/page", "{\"anonymousId\":\"" + anonymousId + "\",\"name\":\"Home\"}");
        client.sendOk("/v1/page", "{\"anonymousId\":\"" + anonymousId + "\",\"name\":\"Pricing\"}");
        long anonymousProfile = client.awaitProfile("anonymousId", anonymousId, p -> events(p) == 2).path("id").asLong();

        client.sendOk("/v1/identify", "{\"anonymousId\":\"" + anonymousId + "\",\"userId\":\"" + userId + "\"}");

        JsonNode profile = client.awaitProfile("userId", userId, p -> events(p) == 3);
        assertThat(profile.path("id").asLong()).isEqualTo(anonymousProfile);
        assertThat(identities(profile)).containsExactlyInAnyOrder("anonymous_id:" + anonymousId, "user_id:" + userId);
        assertThat(client.get("/api/v1/profiles/" + anonymousProfile + "/events").json().path("events")).hasSize(3);
    }

    @Test
    void twoDevicesAreJoinedThroughTheUserId() {
        String userId = ServerClient.unique("user");
        String laptop = ServerClient.unique("laptop");
        String phone = ServerClient.unique("phone");
        client.sendOk("/v1/identify", "{\"anonymousId\":\"" + laptop + "\",\"userId\":\"" + userId + "\"}");
        client.sendOk("/v1/page", "{\"anonymousId\":\"" + phone + "\"}");
        client.awaitProfile("anonymousId", phone, p -> events(p) == 1);
        client.awaitProfile("userId", userId, p -> events(p) == 1);

        String joining = ServerClient.unique("msg");
        client.sendOk("/v1/identify", "{\"anonymousId\":\"" + phone + "\",\"userId\":\"" + userId + "\",\"messageId\":\""
                + joining + "\"}");

        JsonNode profile = client.awaitProfile("userId", userId, p -> events(p) == 3);
        assertThat(identities(profile)).contains("anonymous_id:" + laptop, "anonymous_id:" + phone);
        assertThat(client.lookup("anonymousId", phone).json().path("id").asLong()).isEqualTo(profile.path("id").asLong());
        assertThat(client.lookup("anonymousId", laptop).json().path("id").asLong()).isEqualTo(profile.path("id").asLong());
        assertThat(profile.path("merges")).hasSize(1);
        assertThat(profile.path("merges").get(0).path("causeMessageId").asString()).isEqualTo(joining);
    }

    @Test
    void anEmailJoinsAnonymousProfilesAndTheMergeIsRecordedWithItsCause() {
        String email = ServerClient.unique("ada") + "@example.org";
        String first = ServerClient.unique("anon");
        String second = ServerClient.unique("anon");
        client.sendOk("/v1/identify", "{\"anonymousId\":\"" + first + "\",\"traits\":{\"email\":\"" + email + "\"}}");
        client.sendOk("/v1/page", "{\"anonymousId\":\"" + second + "\"}");
        long firstProfile = client.awaitProfile("anonymousId", first, p -> events(p) == 1).path("id").asLong();
        long secondProfile = client.awaitProfile("anonymousId", second, p -> events(p) == 1).path("id").asLong();
        assertThat(firstProfile).isNotEqualTo(secondProfile);

        String cause = ServerClient.unique("msg");
        client.sendOk("/v1/identify", "{\"anonymousId\":\"" + second + "\",\"messageId\":\"" + cause
                + "\",\"traits\":{\"email\":\"" + email.toUpperCase(java.util.Locale.ROOT) + "\"}}");

        JsonNode profile = client.awaitProfile("email", email, p -> events(p) == 3);
        assertThat(identities(profile)).contains("anonymous_id:" + first, "anonymous_id:" + second, "email:" + email);
        assertThat(client.lookup("anonymousId", second).json().path("id").asLong()).isEqualTo(profile.path("id").asLong());
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
        String device = ServerClient.unique("family-tablet");
        String alice = ServerClient.unique("alice");
        String bob = ServerClient.unique("bob");
        client.sendOk("/v1/identify", "{\"anonymousId\":\"" + device + "\",\"userId\":\"" + alice + "\"}");
        client.awaitProfile("userId", alice, p -> events(p) == 1);
        client.sendOk("/v1/identify", "{\"anonymousId\":\"" + device + "\",\"userId\":\"" + bob + "\"}");
        client.sendOk("/v1/track", "{\"anonymousId\":\"" + device + "\",\"userId\":\"" + bob + "\",\"event\":\"Played\"}");

        JsonNode bobs = client.awaitProfile("userId", bob, p -> events(p) == 2);
        JsonNode alices = client.awaitProfile("userId", alice, p -> true);
        assertThat(bobs.path("id").asLong()).isNotEqualTo(alices.path("id").asLong());
        assertThat(identities(bobs)).doesNotContain("user_id:" + alice);
        assertThat(identities(alices)).doesNotContain("user_id:" + bob);
        assertThat(bobs.path("merges")).isEmpty();
        assertThat(alices.path("merges")).isEmpty();
    }

    @Test
    void aRefusedLinkRepeatedWithinOneBatchIsCountedAndProfilesKeepUpdating() {
        String device = ServerClient.unique("shared-laptop");
        String alice = ServerClient.unique("alice");
        String bob = ServerClient.unique("bob");
        client.sendOk("/v1/identify", "{\"anonymousId\":\"" + device + "\",\"userId\":\"" + alice + "\"}");
        client.awaitProfile("userId", alice, p -> events(p) == 1);
        client.sendOk("/v1/batch", """
                {"batch":[
                  {"type":"identify","anonymousId":"%1$s","userId":"%2$s"},
                  {"type":"track","anonymousId":"%1$s","userId":"%2$s","event":"Played"},
                  {"type":"track","anonymousId":"%1$s","userId":"%2$s","event":"Paused"}]}""".formatted(device, bob));

        JsonNode bobs = client.awaitProfile("userId", bob, p -> events(p) == 3);
        assertThat(identities(bobs)).doesNotContain("user_id:" + alice);
    }

    @Test
    void blocklistedJunkValuesDoNotJoinPeople() {
        String first = ServerClient.unique("user");
        String second = ServerClient.unique("user");
        for (String userId : List.of(first, second)) {
            client.sendOk("/v1/identify", "{\"userId\":\"" + userId + "\",\"anonymousId\":\"undefined\","
                    + "\"traits\":{\"email\":\"test@test.com\"}}");
        }
        String anonymous = ServerClient.unique("anon");
        client.sendOk("/v1/identify", "{\"anonymousId\":\"" + anonymous + "\",\"traits\":{\"email\":\"TEST@test.com\"}}");

        JsonNode one = client.awaitProfile("userId", first, p -> events(p) == 1);
        JsonNode two = client.awaitProfile("userId", second, p -> events(p) == 1);
        JsonNode three = client.awaitProfile("anonymousId", anonymous, p -> events(p) == 1);
        assertThat(List.of(one.path("id").asLong(), two.path("id").asLong(), three.path("id").asLong()))
                .doesNotHaveDuplicates();
        assertThat(identities(one)).containsExactly("user_id:" + first);
        assertThat(client.lookup("anonymousId", "undefined").status()).isEqualTo(404);
        assertThat(client.lookup("email", "test@test.com").status()).isEqualTo(404);
    }

    @Test
    void unmergeSplitsAWrongMergeAndTheProfilesStayApart() {
        String shared = ServerClient.unique("shared") + "@example.org";
        String first = ServerClient.unique("anon");
        String second = ServerClient.unique("anon");
        client.sendOk("/v1/identify", "{\"anonymousId\":\"" + first + "\",\"traits\":{\"email\":\"" + shared + "\"}}");
        client.sendOk("/v1/page", "{\"anonymousId\":\"" + first + "\"}");
        client.sendOk("/v1/page", "{\"anonymousId\":\"" + second + "\"}");
        long firstProfile = client.awaitProfile("anonymousId", first, p -> events(p) == 2).path("id").asLong();
        long secondProfile = client.awaitProfile("anonymousId", second, p -> events(p) == 1).path("id").asLong();
        client.sendOk("/v1/identify", "{\"anonymousId\":\"" + second + "\",\"traits\":{\"email\":\"" + shared + "\"}}");
        JsonNode merged = client.awaitProfile("anonymousId", second, p -> events(p) == 4);
        long survivor = merged.path("id").asLong();
        long restored = survivor == firstProfile ? secondProfile : firstProfile;

        Response unmerge = client.admin("POST", "/api/v1/profiles/" + survivor + "/unmerge", "");

        assertThat(unmerge.status()).as(unmerge.body()).isEqualTo(200);
        assertThat(unmerge.json().path("survivorId").asLong()).isEqualTo(survivor);
        assertThat(unmerge.json().path("restoredId").asLong()).isEqualTo(restored);
        JsonNode firstAfter = client.awaitProfile("anonymousId", first, p -> true);
        JsonNode secondAfter = client.awaitProfile("anonymousId", second, p -> true);
        assertThat(firstAfter.path("id").asLong()).isEqualTo(firstProfile);
        assertThat(secondAfter.path("id").asLong()).isEqualTo(secondProfile);
        assertThat(identities(firstAfter)).containsExactlyInAnyOrder("anonymous_id:" + first, "email:" + shared);
        assertThat(identities(secondAfter)).containsExactly("anonymous_id:" + second);
        assertThat(events(firstAfter)).isEqualTo(2);
        assertThat(events(secondAfter)).as("its page view and the identify that linked them").isEqualTo(2);
        assertThat(firstAfter.path("merges").get(0).path("undoneAt").isNull()).isFalse();

        // the same link seen again does not merge them again
        String relink = ServerClient.unique("msg");
        client.sendOk("/v1/identify", "{\"anonymousId\":\"" + second + "\",\"messageId\":\"" + relink
                + "\",\"traits\":{\"email\":\"" + shared + "\"}}");
        client.sendOk("/v1/page", "{\"anonymousId\":\"" + second + "\"}");
        JsonNode secondLater = client.awaitProfile("anonymousId", second, p -> events(p) >= 3);
        JsonNode firstLater = client.awaitProfile("anonymousId", first, p -> true);
        assertThat(secondLater.path("id").asLong()).isEqualTo(secondProfile);
        assertThat(firstLater.path("id").asLong()).isEqualTo(firstProfile);
        assertThat(identities(secondLater)).doesNotContain("email:" + shared);
        assertThat(client.lookup("email", shared).json().path("id").asLong()).isEqualTo(firstProfile);

        assertThat(client.admin("POST", "/api/v1/profiles/" + survivor + "/unmerge", "").status())
                .as("nothing left to undo").isEqualTo(404);
    }

    @Test
    void unmergingAProfileWithoutMergesIsNotFound() {
        String userId = ServerClient.unique("single");
        client.sendOk("/v1/identify", "{\"userId\":\"" + userId + "\"}");
        long id = client.awaitProfile("userId", userId, p -> true).path("id").asLong();

        Response response = client.admin("POST", "/api/v1/profiles/" + id + "/unmerge", "");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("detail").asString()).contains("no merge");
        assertThat(client.admin("POST", "/api/v1/profiles/" + Long.MAX_VALUE + "/unmerge", "").status())
                .isEqualTo(404);
    }
}
