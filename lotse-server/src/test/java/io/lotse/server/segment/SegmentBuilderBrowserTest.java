package io.lotse.server.segment;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The segment builder in a real browser: conditions added and filled in as boxes, the live count following,
 * saving, and the segment page with its members, versions and export, in English and German.
 */
@LotseServerTest
class SegmentBuilderBrowserTest {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOperatorBuildsASegmentWatchingItsCountAndOpensItsPage() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "Debian's chromium is not installed: apt-get install chromium");
        ProfileRows rows = new ProfileRows(jdbc);
        long german = rows.profile("\"country\": \"DE\", \"name\": \"Greta Weber\"", "");
        rows.profile("\"country\": \"AT\", \"name\": \"Anton Huber\"", "");
        String name = "Germans " + rows.run.substring(0, 8);
        ServerClient client = new ServerClient(port);

        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(CHROMIUM).setHeadless(true)
                     .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--no-first-run")));
             BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                     .setLocale("en-GB").setViewportSize(1280, 1000))) {
            Page page = context.newPage();
            page.navigate(client.base() + "/login");
            page.getByLabel("Admin token").fill(io.lotse.server.LotseServerTest.ADMIN_TOKEN);
            page.getByLabel("Your name").fill("Builder");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page.locator(".signed-in-as")).hasText("Signed in as Builder");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Segments").setExact(true)).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Segments")))
                    .isVisible();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New segment")).click();
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);

            Locator conditions = page.locator(".builder-condition");
            assertThat(conditions).hasCount(1);
            conditions.nth(0).getByLabel("Trait, e.g. country or address.city").fill("run");
            conditions.nth(0).getByLabel("Value").fill(rows.run);
            Locator count = page.locator("#preview-size");
            assertThat(count).hasText("2 profiles match");

            page.getByLabel("Add to this group").selectOption("trait");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add").setExact(true)).click();
            assertThat(conditions).hasCount(2);
            conditions.nth(1).getByLabel("Trait, e.g. country or address.city").fill("country");
            conditions.nth(1).getByLabel("Value").fill("DE");
            assertThat(count).hasText("One profile matches");
            assertThat(page.locator(".preview-sample")).containsText("Greta Weber");

            conditions.nth(1).getByLabel("Comparison").selectOption("neq");
            assertThat(count).hasText("One profile matches");
            assertThat(page.locator(".preview-sample")).containsText("Anton Huber");
            conditions.nth(1).getByLabel("Comparison").selectOption("eq");
            assertThat(page.locator(".preview-sample")).containsText("Greta Weber");
            Files.createDirectories(SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("segment-builder.png"))
                    .setFullPage(true));

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save segment")).click();
            assertThat(page).hasURL(Pattern.compile(".*/segments/germans-" + rows.run.substring(0, 8) + "$"));
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText(name);
            assertThat(page.locator("#segment-size")).hasText("1");
            assertThat(page.locator("#members a")).hasText("Greta Weber");
            assertThat(page.locator("#members a")).hasAttribute("href", "/profiles/" + german);
            assertThat(page.locator("#versions")).containsText("by Builder");
            assertThat(page.locator("#size-chart svg")).isVisible();
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Export members (CSV)")))
                    .hasAttribute("href", Pattern.compile(".*/members\\.csv$"));
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("segment.png"))
                    .setFullPage(true));

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("DE").setExact(true)).click();
            assertThat(page.locator("html")).hasAttribute("lang", "de");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Neueste Mitglieder")))
                    .isVisible();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Regel bearbeiten")).click();
            assertThat(page.locator(".builder-condition")).hasCount(2);
            assertThat(page.locator("#preview-size")).hasText("Ein Profil passt");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("segment-builder-de.png"))
                    .setFullPage(true));
        }
    }
}
