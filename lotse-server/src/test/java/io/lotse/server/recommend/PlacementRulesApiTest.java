package io.lotse.server.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.ServerClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Placement rules over the API: read, replace, refuse with every problem, apply, reset. */
@LotseServerTest
class PlacementRulesApiTest {

    @LocalServerPort
    int port;

    @Test
    void everyPlacementHasDefaultRules() {
        JsonNode all = new ServerClient(port).get("/api/v1/recommendations/placements").json();

        assertThat(all.propertyNames()).containsExactly("home", "product", "cart", "email");
        assertThat(all.path("email").path("weights").has("session")).isFalse();
        assertThat(all.path("product").path("alreadyBought").asString()).isEqualTo("exclude");
    }

    @Test
    void invalidRulesAreRefusedWithEveryProblemAndNothingChanges() {
        ServerClient client = new ServerClient(port);
        JsonNode before = client.get("/api/v1/recommendations/placements/email").json();

        Response refused = client.admin("PUT", "/api/v1/recommendations/placements/email", """
                {"weights":{"ease":1,"magic":2,"popular":-1},"normalisation":"loud","alreadyBought":"maybe",
                 "maxPerCategory":-3,"adjustments":[{"productId":"X","category":"Y","factor":2},{"factor":-1}]}""");

        assertThat(refused.status()).isEqualTo(400);
        List<String> problems = new ArrayList<>();
        refused.json().path("problems").forEach(p -> problems.add(p.asString()));
        assertThat(problems).hasSize(8).anySatisfy(p -> assertThat(p).contains("magic"))
                .anySatisfy(p -> assertThat(p).contains("normalisation"));
        assertThat(client.get("/api/v1/recommendations/placements/email").json()).isEqualTo(before);
        assertThat(client.admin("PUT", "/api/v1/recommendations/placements/shelf", "{}").status()).isEqualTo(400);
    }

    @Test
    void storedRulesApplyToTheNextRequestUntilReset() {
        ServerClient client = new ServerClient(port);
        ShopEvents shop = new ShopEvents(client);
        for (int i = 0; i < 3; i++) {
            shop.order(shop.user("rules" + i), true, "R1", "R2", "Q1");
        }
        String person = shop.user("rules0");
        client.awaitProfile("userId", person, p -> p.path("stats").path("orders").asInt() == 1);
        assertThat(client.admin("POST", "/api/v1/recommendations/models", "").status()).isEqualTo(201);
        try {
            Response stored = client.admin("PUT", "/api/v1/recommendations/placements/email", """
                    {"weights":{"repeat":1},"alreadyBought":"allow","maxPerCategory":1,
                     "adjustments":[{"productId":"%s","factor":0}]}""".formatted(shop.product("Q1")));
            assertThat(stored.status()).as(stored.body()).isEqualTo(200);
            assertThat(stored.json().path("excludeInactive").asBoolean()).as("defaults for omitted fields").isTrue();

            JsonNode answer = client.get("/api/v1/recommendations?placement=email&limit=10&userId=" + person).json();
            List<String> ids = new ArrayList<>();
            answer.path("items").forEach(item -> ids.add(item.path("productId").asString()));
            assertThat(ids).doesNotContain(shop.product("Q1"));
            assertThat(ids.stream().filter(id -> id.startsWith(shop.product("R")))).as("one per category").hasSize(1);
        } finally {
            Response reset = client.admin("DELETE", "/api/v1/recommendations/placements/email", "");
            assertThat(reset.json().path("weights").has("ease")).isTrue();
        }
    }
}
