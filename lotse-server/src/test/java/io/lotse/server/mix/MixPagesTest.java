package io.lotse.server.mix;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The marketing-mix and decision pages, signed in as a person of the UI. */
@LotseServerTest
class MixPagesTest {

    @LocalServerPort
    int port;

    private ServerClient client;
    private HttpClient browser;
    private long fitId;

    @BeforeEach
    void signIn() throws Exception {
        client = new ServerClient(port);
        fitId = MixFixture.fit(client).path("fit").path("id").asLong();
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        String login = get("/login").body();
        HttpResponse<String> signedIn = post("/login", "token=" + LotseServerTest.ADMIN_TOKEN
                + "&username=maria&_csrf=" + csrf(login));
        assertThat(signedIn.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(client.base() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(client.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String html) {
        Matcher matcher = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(html);
        assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
        return matcher.group(1);
    }

    @Test
    void theMixPageShowsTheModelInGermanAndAllocatesLive() throws Exception {
        HttpResponse<String> page = get("/mix?lang=de&fit=" + fitId);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Marketing-Mix").contains("Reaktionskurven").contains("Beiträge im Zeitverlauf")
                .contains("Ertrag je Kanal").contains("mix-" + fitId + "/lotse-mix-1").contains("data-charts=")
                .contains("paid_search");
        HttpResponse<String> allocation = post("/mix/allocate?fit=" + fitId, "_csrf=" + csrf(page.body())
                + "&budget=20000&weeks=4&start=2019-11-04&locked=tv&min.paid_search=0&max.paid_search=9000");
        assertThat(allocation.statusCode()).isEqualTo(200);
        assertThat(allocation.body()).contains("id=\"allocation\"").contains("Erwartete Änderung");
        HttpResponse<String> attribution = get("/mix/attribution?lang=en");
        assertThat(attribution.statusCode()).isEqualTo(200);
        assertThat(attribution.body()).contains("attribution-table");
    }

    @Test
    void aCardIsDecidedOnItsPageAndTheAuditNamesWho() throws Exception {
        ServerClient.Response proposed = client.admin("POST", "/api/v1/decisions", """
                {"fitId":%d,"month":"2019-11"}""".formatted(fitId));
        long id = proposed.json().path("id").asLong();
        HttpResponse<String> inbox = get("/decisions?lang=en");
        assertThat(inbox.body()).contains("Waiting for you").contains("/decisions/" + id);
        HttpResponse<String> card = get("/decisions/" + id + "?lang=de");
        assertThat(card.statusCode()).isEqualTo(200);
        assertThat(card.body()).contains("Ihre Entscheidung").contains("Belege").contains("Protokoll")
                .contains("data-plan=");
        HttpResponse<String> rejected = post("/decisions/" + id + "/reject?lang=en", "_csrf=" + csrf(card.body())
                + "&comment=" + URLEncoder.encode("Not before the sale", StandardCharsets.UTF_8));
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(rejected.body()).contains("rejected").contains("Not before the sale").contains("by maria");
        assertThat(get("/decisions/987654321").statusCode()).isEqualTo(404);
    }
}
