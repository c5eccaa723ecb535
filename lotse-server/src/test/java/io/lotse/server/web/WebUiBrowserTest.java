package io.lotse.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The web UI in a real browser (Debian's headless Chromium) against the running server: sign-in, live search,
 * the profile page with paging and a merged profile, the language switch and signing out.
 */
@LotseServerTest
class WebUiBrowserTest {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final int PRODUCT_VIEWS = 29;

    @LocalServerPort
    int port;

    @Test
    void operatorFindsAPersonAndReadsTheirProfile() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "Debian's chromium is not installed: apt-get install chromium");
        ServerClient client = new ServerClient(port);
        Person person = new Person(UUID.randomUUID().toString().substring(0, 8));
        JsonNode profile = trackAPersonInThreeSteps(client, person);
        long survivorId = profile.path("id").asLong();
        long mergedId = profile.path("merges").get(0).path("mergedId").asLong();

        Assertions.assertThat(anonymousGet(client, "/webjars/htmx.org/dist/htmx.min.js"))
                .as("htmx through the version-less WebJar path").isEqualTo(200);
        Assertions.assertThat(anonymousGet(client, "/webjars/echarts/dist/echarts.min.js"))
                .as("ECharts through the version-less WebJar path").isEqualTo(200);

        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(CHROMIUM)
                     .setHeadless(true)
                     .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--no-first-run")));
             BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                     .setLocale("en-GB")
                     .setViewportSize(1280, 900))) {
            Page page = context.newPage();
            String base = client.base();

            page.navigate(base + "/profiles");
            assertThat(page).hasURL(Pattern.compile(".*/login$"));
            assertThat(page.locator("html")).hasAttribute("lang", "en");

            page.getByLabel("Admin token").fill("not-the-token");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("That token is not right");
            Files.createDirectories(SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("login.png")));

            page.getByLabel("Admin token").fill(LotseServerTest.ADMIN_TOKEN);
            page.getByLabel("Your name").fill("Playwright");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page.locator(".signed-in-as")).hasText("Signed in as Playwright");

            page.navigate(base + "/");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Overview")))
                    .isVisible();
            // capabilities still to come are listed, but not as links
            assertThat(page.locator(".sidebar .soon a")).hasCount(0);
            assertThat(page.locator("#events-chart svg")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("dashboard.png")));

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Profiles").setExact(true)).click();
            Locator search = page.getByLabel("Search by email, user id or name");
            Response results = page.waitForResponse(
                    r -> r.url().contains("/profiles?q=") && r.request().headers().containsKey("hx-request")
                            && r.url().endsWith(person.email().replace("@", "%40")),
                    () -> search.pressSequentially(person.email()));
            Assertions.assertThat(results.status()).isEqualTo(200);
            Locator hit = page.locator("#results tbody tr");
            assertThat(hit).hasCount(1);
            assertThat(hit).containsText(person.userId());
            assertThat(page).hasURL(Pattern.compile(".*/profiles\\?q=.*"));
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("search.png")));

            hit.getByRole(AriaRole.LINK).click();
            assertThat(page).hasURL(Pattern.compile(".*/profiles/" + survivorId + "$"));
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                    .hasText(person.name());
            Locator identities = page.locator("#identities");
            assertThat(identities).containsText(person.userId());
            assertThat(identities).containsText(person.email());
            assertThat(identities).containsText(person.anonymousId());
            assertThat(page.locator("#traits tr", new Page.LocatorOptions().setHasText("plan")))
                    .containsText("pro");
            assertThat(page.locator("#consents tr", new Page.LocatorOptions().setHasText("marketing")))
                    .containsText("granted");
            assertThat(page.locator("#consents tr", new Page.LocatorOptions().setHasText("analytics")))
                    .containsText("denied");
            assertThat(page.locator("#merges")).containsText("in effect");

            Locator events = page.locator(".timeline .event");
            assertThat(events).hasCount(ProfilePagesController.TIMELINE_PAGE);
            assertThat(events.first()).containsText("Identify");
            assertThat(events.nth(1)).containsText("Order Completed");
            events.nth(1).locator("summary").click();
            assertThat(events.nth(1).locator(".payload")).containsText(person.orderId());

            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("profile.png"))
                    .setFullPage(true));

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Load older events")).click();
            assertThat(events).hasCount(PRODUCT_VIEWS + 3);
            assertThat(events.last()).containsText("Pricing");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Load older events")))
                    .hasCount(0);

            page.navigate(base + "/profiles/" + mergedId);
            assertThat(page).hasURL(Pattern.compile(".*/profiles/" + survivorId + "$"));

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("DE").setExact(true)).click();
            assertThat(page.locator("html")).hasAttribute("lang", "de");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Identitäten")))
                    .isVisible();
            assertThat(page.locator("#consents")).containsText("erteilt");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("profile-de.png")));

            Response missing = page.navigate(base + "/profiles/987654321987");
            Assertions.assertThat(missing.status()).isEqualTo(404);
            assertThat(page.locator("main")).containsText("Es gibt kein Profil 987654321987");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Abmelden")).click();
            assertThat(page).hasURL(Pattern.compile(".*/login\\?signedOut$"));
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Sie wurden abgemeldet.");
            page.navigate(base + "/profiles/" + survivorId);
            assertThat(page).hasURL(Pattern.compile(".*/login$"));
        }
    }

    /**
     * An anonymous visit, then orders under a user id on another device, then an identify that links both: two
     * profiles that merge into one.
     *
     * @return the merged profile as the admin API shows it
     */
    private static JsonNode trackAPersonInThreeSteps(ServerClient client, Person person) {
        send(client, "{\"type\":\"page\",\"messageId\":\"" + person.messageId("visit") + "\",\"anonymousId\":\""
                + person.anonymousId() + "\",\"name\":\"Pricing\",\"properties\":{\"path\":\"/pricing\"}}");
        awaitProfile(client, "anonymousId=" + person.anonymousId(), 1);

        StringBuilder orders = new StringBuilder();
        for (int i = 0; i < PRODUCT_VIEWS; i++) {
            orders.append("{\"type\":\"track\",\"messageId\":\"").append(person.messageId("view-" + i))
                    .append("\",\"userId\":\"").append(person.userId())
                    .append("\",\"event\":\"Product Viewed\",\"properties\":{\"sku\":\"sku-").append(i).append("\"}},");
        }
        orders.append("{\"type\":\"track\",\"messageId\":\"").append(person.messageId("order"))
                .append("\",\"userId\":\"").append(person.userId())
                .append("\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"").append(person.orderId())
                .append("\",\"revenue\":49.9,\"currency\":\"EUR\"}}");
        send(client, orders.toString());
        awaitProfile(client, "userId=" + person.userId(), PRODUCT_VIEWS + 1);

        send(client, "{\"type\":\"identify\",\"messageId\":\"" + person.messageId("identify")
                + "\",\"anonymousId\":\"" + person.anonymousId() + "\",\"userId\":\"" + person.userId()
                + "\",\"traits\":{\"email\":\"" + person.email() + "\",\"name\":\"" + person.name()
                + "\",\"plan\":\"pro\"},\"context\":{\"consent\":{\"categoryPreferences\":"
                + "{\"marketing\":true,\"analytics\":false}}}}");
        return awaitProfile(client, "userId=" + person.userId(), PRODUCT_VIEWS + 3);
    }

    private static int anonymousGet(ServerClient client, String path) {
        return client.send(HttpRequest.newBuilder(URI.create(client.base() + path)).build()).status();
    }

    private static void send(ServerClient client, String events) {
        ServerClient.Response response = client.track("/v1/batch", "{\"batch\":[" + events + "]}");
        Assertions.assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static JsonNode awaitProfile(ServerClient client, String identifier, int events) {
        return ServerClient.eventually(() -> {
            ServerClient.Response response = client.get("/api/v1/profiles?" + identifier);
            if (response.status() != 200) {
                return null;
            }
            JsonNode profile = response.json();
            return profile.path("stats").path("events").asLong() >= events ? profile : null;
        });
    }

    /** A made-up person with unique identifiers, so that other tests on the same server do not interfere. */
    private record Person(String key) {

        String anonymousId() {
            return "anon-" + key;
        }

        String userId() {
            return "user-" + key;
        }

        String email() {
            return "jane." + key + "@example.com";
        }

        String name() {
            return "Jane Tester";
        }

        String orderId() {
            return "order-" + key;
        }

        String messageId(String step) {
            return "web-ui-" + key + "-" + step;
        }
    }
}
