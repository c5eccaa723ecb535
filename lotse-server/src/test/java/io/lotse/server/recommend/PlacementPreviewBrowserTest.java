package io.lotse.server.recommend;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The placement preview in a real browser (Debian's headless Chromium): an operator looks up a person and sees
 * what each placement would show them, with reasons, and the recommendations on the person's profile page.
 */
@LotseServerTest
class PlacementPreviewBrowserTest {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    @LocalServerPort
    int port;

    @Test
    void anOperatorPreviewsWhatAPersonSeesInEveryPlacement() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "Debian's chromium is not installed: apt-get install chromium");
        ServerClient client = new ServerClient(port);
        ShopEvents shop = new ShopEvents(client);
        for (int i = 0; i < 4; i++) {
            shop.order(shop.user("browser" + i), true, "W1", "W2");
        }
        String person = shop.user("browser-person");
        shop.order(person, true, "W1");
        long profileId = client.awaitProfile("userId", person, p -> p.path("stats").path("orders").asInt() == 1)
                .path("id").asLong();
        org.assertj.core.api.Assertions.assertThat(
                client.admin("POST", "/api/v1/recommendations/models", "").status()).isEqualTo(201);

        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(CHROMIUM).setHeadless(true)
                     .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--no-first-run")));
             BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                     .setLocale("en-GB").setViewportSize(1280, 900))) {
            Page page = context.newPage();
            page.navigate(client.base() + "/login");
            page.getByLabel("Admin token").fill(LotseServerTest.ADMIN_TOKEN);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Recommendations").setExact(true))
                    .click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Placements")
                    .setLevel(1))).isVisible();
            page.getByLabel("Person or visitor").fill(person);
            page.getByLabel("User id").check();
            page.getByLabel("Product in view").fill(shop.product("W1"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show recommendations")).click();

            assertThat(page).hasURL(Pattern.compile(".*/placements\\?who=.*"));
            assertThat(page.locator("#preview-home")).hasText("Home page");
            assertThat(page.locator("#preview")).containsText("Because you bought Name of W1");
            assertThat(page.locator("#preview")).containsText("Bought together with Name of W1");
            assertThat(page.locator("#preview .badge").first()).hasText("personal");
            Files.createDirectories(SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("placements.png"))
                    .setFullPage(true));

            page.navigate(client.base() + "/profiles/" + profileId);
            assertThat(page.locator("#recommendations")).containsText("Because you bought Name of W1");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("profile-recommendations.png"))
                    .setFullPage(true));
        }
    }
}
