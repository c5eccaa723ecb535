package io.lotse.server.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.ServerClient.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The recommendations API against the running server: purchase history with reasons in English and German,
 * the live session of an anonymous visitor, the consent fallback, the product placement and bad requests.
 */
@LotseServerTest
class RecommendationApiTest {

    @LocalServerPort
    int port;

    private ServerClient client;
    private ShopEvents shop;

    @BeforeEach
    void connect() {
        client = new ServerClient(port);
        shop = new ShopEvents(client);
    }

    private JsonNode recommend(String query) {
        Response response = client.get("/api/v1/recommendations?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private void train() {
        Response response = client.admin("POST", "/api/v1/recommendations/models", "");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static List<String> productIds(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.path("items").forEach(item -> ids.add(item.path("productId").asString()));
        return ids;
    }

    private static JsonNode item(JsonNode answer, String productId) {
        for (JsonNode item : answer.path("items")) {
            if (item.path("productId").asString().equals(productId)) {
                return item;
            }
        }
        throw new AssertionError(productId + " is not among " + productIds(answer));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** People who buy A1 also buy A2; the test person bought A1 only. */
    private String buyerOfA1(boolean consent) {
        for (int i = 0; i < 6; i++) {
            shop.order(shop.user("other" + i), true, "A1", "A2");
        }
        for (int i = 0; i < 3; i++) {
            shop.order(shop.user("b" + i), true, "B1", "B2");
        }
        String person = shop.user("person");
        shop.order(person, consent, "A1");
        client.awaitProfile("userId", person, p -> p.path("stats").path("orders").asInt() == 1);
        return person;
    }

    @Test
    void aBuyerGetsWhatPeopleLikeThemBoughtWithTheReasonInTheirLanguage() {
        String person = buyerOfA1(true);
        train();

        JsonNode answer = recommend("userId=" + encode(person) + "&placement=home&limit=5");

        assertThat(answer.path("personalised").asBoolean()).isTrue();
        assertThat(answer.path("profileId").isNumber()).isTrue();
        assertThat(answer.path("placement").asString()).isEqualTo("home");
        assertThat(answer.path("model").path("version").asLong()).isPositive();
        JsonNode a2 = item(answer, shop.product("A2"));
        assertThat(a2.path("name").asString()).isEqualTo("Name of A2");
        assertThat(a2.path("category").asString()).isEqualTo(shop.category("A2"));
        assertThat(a2.path("reason").path("type").asString()).isEqualTo("bought");
        assertThat(a2.path("reason").path("productId").asString()).isEqualTo(shop.product("A1"));
        assertThat(a2.path("reason").path("text").asString()).isEqualTo("Because you bought Name of A1");

        Response german = client.send(HttpRequest.newBuilder(URI.create(client.base()
                        + "/api/v1/recommendations?placement=home&limit=5&userId=" + encode(person)))
                .header("Authorization", "Bearer " + LotseServerTest.ADMIN_TOKEN)
                .header("Accept-Language", "de-DE,de;q=0.9").GET().build());
        assertThat(item(german.json(), shop.product("A2")).path("reason").path("text").asString())
                .isEqualTo("Weil Sie Name of A1 gekauft haben");
    }

    @Test
    void withoutConsentToPersonalisationAPersonGetsTheNonPersonalFallback() {
        String person = buyerOfA1(false);
        train();

        JsonNode answer = recommend("userId=" + encode(person) + "&placement=home&limit=5");

        assertThat(answer.path("personalised").asBoolean()).isFalse();
        assertThat(answer.path("items")).allSatisfy(item -> {
            assertThat(item.path("source").asString()).isIn("popular", "trending");
            assertThat(item.path("reason").path("type").asString()).isIn("popular", "popular_in", "trending");
        });
    }

    @Test
    void anAnonymousVisitorsViewsPersonaliseTheirRecommendationsAsTheyArrive() {
        shop.pastSessions(5, "C1", "C2", "C3");
        shop.pastSessions(5, "D1", "D2");
        train();
        String visitor = "anon-" + UUID.randomUUID();

        shop.view(visitor, true, "C1");
        JsonNode answer = ServerClient.eventually(() -> {
            JsonNode now = recommend("anonymousId=" + visitor + "&placement=home&limit=5");
            return productIds(now).contains(shop.product("C2")) ? now : null;
        });

        assertThat(answer.path("personalised").asBoolean()).isTrue();
        assertThat(answer.path("profileId").isNull() || answer.path("profileId").isNumber()).isTrue();
        JsonNode c2 = item(answer, shop.product("C2"));
        assertThat(c2.path("source").asString()).isEqualTo("session");
        assertThat(c2.path("reason").path("type").asString()).isEqualTo("viewed");
        assertThat(c2.path("reason").path("productId").asString()).isEqualTo(shop.product("C1"));

        shop.view(visitor, true, "D1");
        ServerClient.eventually(() -> productIds(recommend("anonymousId=" + visitor + "&placement=home&limit=5"))
                .contains(shop.product("D2")) ? true : null);
    }

    @Test
    void aVisitorWhoRefusesPersonalisationIsNotFollowed() {
        shop.pastSessions(5, "E1", "E2");
        train();
        String visitor = "anon-" + UUID.randomUUID();
        String consenting = "anon-" + UUID.randomUUID();

        shop.view(visitor, false, "E1");
        shop.view(consenting, true, "E1");
        // The live sessions follow the log in order: once the later visitor is followed, so is the first.
        ServerClient.eventually(() -> productIds(recommend("anonymousId=" + consenting + "&limit=5"))
                .contains(shop.product("E2")) ? true : null);

        JsonNode answer = recommend("anonymousId=" + visitor + "&placement=home&limit=5");
        assertThat(answer.path("personalised").asBoolean()).isFalse();
        assertThat(answer.path("items")).noneSatisfy(item ->
                assertThat(item.path("source").asString()).isEqualTo("session"));
    }

    @Test
    void aProductPageShowsWhatIsBoughtWithTheProductButNotTheProduct() {
        buyerOfA1(true);
        train();

        JsonNode answer = recommend("anonymousId=" + UUID.randomUUID() + "&placement=product&productId="
                + encode(shop.product("A1")) + "&limit=3");

        assertThat(productIds(answer)).doesNotContain(shop.product("A1"));
        JsonNode a2 = item(answer, shop.product("A2"));
        assertThat(a2.path("reason").path("type").asString()).isIn("bought_together", "similar");
        assertThat(a2.path("reason").path("productId").asString()).isEqualTo(shop.product("A1"));
    }

    @Test
    void anInactiveProductIsNotRecommendedOnceFlagged() {
        String person = buyerOfA1(true);
        train();
        String a2 = shop.product("A2");

        Response flagged = client.admin("PUT", "/api/v1/recommendations/products/" + encode(a2),
                "{\"active\":false}");
        assertThat(flagged.status()).as(flagged.body()).isEqualTo(200);
        assertThat(flagged.json().path("inStock").asBoolean()).isTrue();

        assertThat(productIds(recommend("userId=" + encode(person) + "&limit=10"))).doesNotContain(a2);
        assertThat(client.get("/api/v1/recommendations/products").json().has(a2)).isTrue();
        client.admin("PUT", "/api/v1/recommendations/products/" + encode(a2), "{\"active\":true}");
        assertThat(productIds(recommend("userId=" + encode(person) + "&limit=10"))).contains(a2);
    }

    @Test
    void theModelsProvenanceIsShown() {
        buyerOfA1(true);
        train();

        JsonNode model = client.get("/api/v1/recommendations/models").json();

        assertThat(model.path("version").asLong()).isPositive();
        assertThat(model.path("products").asInt()).isPositive();
        List<String> algorithms = new ArrayList<>();
        model.path("models").forEach(m -> algorithms.add(m.path("algorithm").asString()));
        assertThat(algorithms).contains("popularity", "repeat", "itemknn", "ease", "together");
        JsonNode ease = model.path("models").valueStream()
                .filter(m -> m.path("algorithm").asString().equals("ease")).findFirst().orElseThrow();
        assertThat(ease.path("parameters").path("lambda").asDouble()).isEqualTo(200);
        assertThat(ease.path("dataFrom").asString()).isNotBlank();
        assertThat(ease.has("trainingMillis")).isTrue();
    }

    @Test
    void badRequestsGetProblemDetails() {
        assertProblem(client.get("/api/v1/recommendations"), 400, "exactly one");
        assertProblem(client.get("/api/v1/recommendations?userId=a&anonymousId=b"), 400, "exactly one");
        assertProblem(client.get("/api/v1/recommendations?userId=a&placement=shelf"), 400, "placement");
        assertProblem(client.get("/api/v1/recommendations?userId=a&placement=product"), 400, "productId");
        assertProblem(client.get("/api/v1/recommendations?userId=a&limit=0"), 400, "limit");
        assertProblem(client.get("/api/v1/recommendations?userId=a&limit=many"), 400, "");
        assertProblem(client.get("/api/v1/recommendations?profileId=" + Long.MAX_VALUE), 404, "No profile");
        Response anonymous = client.send(HttpRequest.newBuilder(URI.create(client.base()
                + "/api/v1/recommendations?userId=a")).GET().build());
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void anUnknownPersonGetsPopularProducts() {
        buyerOfA1(true);
        train();

        JsonNode answer = recommend("userId=" + UUID.randomUUID() + "&limit=3");

        assertThat(answer.path("personalised").asBoolean()).isFalse();
        assertThat(answer.path("profileId").isNull()).isTrue();
        assertThat(answer.path("items")).hasSize(3);
    }

    private static void assertProblem(Response response, int status, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("detail").asString()).contains(detail);
    }
}
