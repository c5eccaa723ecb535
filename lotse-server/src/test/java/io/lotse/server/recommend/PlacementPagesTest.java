package io.lotse.server.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The placements page and the profile page's recommendations, signed in to the UI over plain HTTP: the preview
 * for a person, a person nobody knows, and editing rules with validation.
 */
@LotseServerTest
class PlacementPagesTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private ServerClient client;
    private ShopEvents shop;

    @BeforeEach
    void signIn() throws Exception {
        client = new ServerClient(port);
        shop = new ShopEvents(client);
        HttpResponse<String> response = post("/login", Map.of("token", LotseServerTest.ADMIN_TOKEN,
                "username", "pages-test"));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElse("")).doesNotContain("error");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create(client.base() + path))
                .header("Accept-Language", "en").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form with the CSRF token of the page the form is on. */
    private HttpResponse<String> post(String path, Map<String, String> fields) throws IOException,
            InterruptedException {
        String page = path.equals("/login") ? "/login" : "/placements";
        Matcher token = CSRF.matcher(get(page).body());
        assertThat(token.find()).as("a CSRF token on " + page).isTrue();
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", token.group(1));
        String body = all.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return browser.send(HttpRequest.newBuilder(URI.create(client.base() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "en")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String buyer() {
        for (int i = 0; i < 4; i++) {
            shop.order(shop.user("page" + i), true, "P1", "P2");
        }
        String person = shop.user("page-person");
        shop.order(person, true, "P1");
        client.awaitProfile("userId", person, p -> p.path("stats").path("orders").asInt() == 1);
        assertThat(client.admin("POST", "/api/v1/recommendations/models", "").status()).isEqualTo(201);
        return person;
    }

    @Test
    void thePreviewShowsEveryPlacementOfAPersonWithReasons() throws Exception {
        String person = buyer();

        HttpResponse<String> page = get("/placements?by=USER_ID&who=" + URLEncoder.encode(person,
                StandardCharsets.UTF_8) + "&productId=" + shop.product("P1"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Home page", "Product page", "Cart", "Email", "personal",
                "Because you bought Name of P1", "Rules: Home page");
    }

    @Test
    void theProfilePageLoadsTheRecommendationsOfThePerson() throws Exception {
        String person = buyer();
        long profileId = client.lookup("userId", person).json().path("id").asLong();

        assertThat(get("/profiles/" + profileId).body()).contains("/recommendations/profiles/" + profileId);
        HttpResponse<String> card = get("/recommendations/profiles/" + profileId);

        assertThat(card.statusCode()).isEqualTo(200);
        assertThat(card.body()).contains("Recommendations", "Name of P2", "Because you bought Name of P1");
    }

    @Test
    void somebodyNobodyKnowsIsNotFound() throws Exception {
        HttpResponse<String> page = get("/placements?by=EMAIL&who=nobody-" + System.nanoTime() + "@example.org");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("Nobody is known as");
    }

    @Test
    void rulesAreEditedWithEveryMistakeShownAndNothingStoredUntilTheyAreRight() throws Exception {
        try {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("weight.ease", "1");
            form.put("weight.popular", "lots");
            form.put("normalisation", "score");
            form.put("alreadyBought", "exclude");
            form.put("maxPerCategory", "4");
            form.put("adjustments", "product X-1 = 2\nsomething");
            HttpResponse<String> rejected = post("/placements/cart", form);
            assertThat(rejected.statusCode()).isEqualTo(400);
            assertThat(rejected.body()).contains("The rules of cart were not saved", "popular is no number",
                    "adjustment line 2", "something");
            assertThat(client.get("/api/v1/recommendations/placements/cart").json().path("maxPerCategory").asInt())
                    .isNotEqualTo(4);

            form.put("weight.popular", "0,5");
            form.put("adjustments", "product X-1 = 2\ncategory Sale = 0.5");
            form.put("exceptions", "Coffee = allow");
            form.put("excludeInactive", "true");
            HttpResponse<String> saved = post("/placements/cart", form);
            assertThat(saved.statusCode()).isEqualTo(302);
            assertThat(saved.headers().firstValue("Location").orElseThrow()).contains("saved=cart");

            var stored = client.get("/api/v1/recommendations/placements/cart").json();
            assertThat(stored.path("maxPerCategory").asInt()).isEqualTo(4);
            assertThat(stored.path("weights").path("popular").asDouble()).isEqualTo(0.5);
            assertThat(stored.path("weights").has("session")).isFalse();
            assertThat(stored.path("excludeInactive").asBoolean()).isTrue();
            assertThat(stored.path("excludeOutOfStock").asBoolean()).isFalse();
            assertThat(stored.path("alreadyBoughtByCategory").path("Coffee").asString()).isEqualTo("allow");
            assertThat(stored.path("adjustments")).hasSize(2);
            assertThat(get("/placements").body()).contains("category Sale = 0.5");
        } finally {
            client.admin("DELETE", "/api/v1/recommendations/placements/cart", "");
        }
    }
}
