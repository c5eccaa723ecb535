package io.lotse.server.mix;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.BrowserSession;
import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import java.net.URLEncoder;
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
    private BrowserSession browser;
    private long fitId;

    @BeforeEach
    void signIn() throws Exception {
        client = new ServerClient(port);
        fitId = MixFixture.fit(client).path("fit").path("id").asLong();
        browser = BrowserSession.signIn(client, "maria");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.get(path);
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return browser.post(path, form);
    }

    private static String csrf(String html) {
        return BrowserSession.csrf(html);
    }

    @Test
    void theMixPageShowsTheModelInGermanAndAllocatesLive() throws Exception {
        HttpResponse<String> page = get("/mix?lang=de&fit=" + fitId);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Marketing-Mix").contains("Reaktionskurven").contains("Beiträge im Zeitverlauf")
                .contains("Ertrag je Kanal").contains("mix-" + fitId + "/lotse-mix-1").contains("data-charts=")
                .contains("paid_search").contains("Kontrollvariablen je Woche")
                .containsPattern("type=\"range\"[^>]*name=\"max\\.paid_search\"");
        HttpResponse<String> allocation = post("/mix/allocate?fit=" + fitId, "_csrf=" + csrf(page.body())
                + "&budget=20000&weeks=4&start=2019-11-04&locked=tv&min.paid_search=0&max.paid_search=9000");
        assertThat(allocation.statusCode()).isEqualTo(200);
        assertThat(allocation.body()).contains("id=\"allocation\"").contains("Erwartete Änderung");
        // an order of the last 90 days of its own, so that the attribution beside the model has something to share
        String buyer = ServerClient.unique("mix-buyer");
        client.sendOk("/v1/track", """
                {"userId":"%s","event":"Order Completed","properties":{"order_id":"%s","revenue":25},
                 "context":{"campaign":{"source":"newsletter","medium":"email"}}}""".formatted(buyer, buyer));
        client.awaitProfile("userId", buyer, p -> p.path("stats").path("orders").asInt() >= 1);
        HttpResponse<String> attribution = get("/mix/attribution?lang=en");
        assertThat(attribution.statusCode()).isEqualTo(200);
        assertThat(attribution.body()).contains("attribution-table").as("the mix model's shares").containsPattern("\\d+\\.\\d%");
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

    @Test
    void aLiftTestIsEnteredOnThePageAndAnImpossibleOneExplained() throws Exception {
        String page = get("/mix?lang=en").body();
        assertThat(page).contains("Lift tests");
        HttpResponse<String> impossible = post("/mix/lift-tests", "_csrf=" + csrf(page) + "&channel=tv"
                + "&from=2019-05-06&to=2019-06-02&incremental=5000&lower=6000&upper=7000&note=");
        assertThat(impossible.statusCode()).isEqualTo(400);
        assertThat(impossible.body()).contains("interval must contain");
        HttpResponse<String> added = post("/mix/lift-tests", "_csrf=" + csrf(page) + "&channel=tv"
                + "&from=2019-05-06&to=2019-06-02&incremental=5000&lower=4000,25&upper=6000&note=page+test");
        long id = -1;
        try {
            assertThat(added.statusCode()).isEqualTo(200);
            assertThat(added.body()).contains("page test").doesNotContain("No lift test yet");
            Matcher delete = Pattern.compile("/mix/lift-tests/(\\d+)/delete").matcher(added.body());
            assertThat(delete.find()).isTrue();
            id = Long.parseLong(delete.group(1));
        } finally {
            if (id < 0) {
                client.get("/api/v1/mix/lift-tests").json().path("liftTests").forEach(t -> {
                    if ("page test".equals(t.path("note").asString())) {
                        client.admin("DELETE", "/api/v1/mix/lift-tests/" + t.path("id").asLong(), "");
                    }
                });
            }
        }
        long stored = id;
        HttpResponse<String> deleted = post("/mix/lift-tests/" + stored + "/delete", "_csrf=" + csrf(added.body()));
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(client.get("/api/v1/mix/lift-tests").json().path("liftTests"))
                .noneSatisfy(t -> assertThat(t.path("id").asLong()).isEqualTo(stored));
    }

    @Test
    void aTrialImportOnThePageReportsEveryRejectedRow() throws Exception {
        String page = get("/mix?lang=en").body();
        for (String[] kind : new String[][] {{"spend", "week,channel,spend\n2019-05-06,tv,100\nsoon,tv,5\n"},
                {"controls", "week,promotion\n2019-05-06,ja\n2019-05-13,maybe\n"}}) {
            String boundary = "----lotse-mix-page";
            StringBuilder body = new StringBuilder();
            for (String[] field : new String[][] {{"_csrf", csrf(page)}, {"kind", kind[0]}, {"dryRun", "true"}}) {
                body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                        .append(field[0]).append("\"\r\n\r\n").append(field[1]).append("\r\n");
            }
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; ")
                    .append("filename=\"").append(kind[0]).append(".csv\"\r\nContent-Type: text/csv\r\n\r\n")
                    .append(kind[1]).append("\r\n--").append(boundary).append("--\r\n");
            HttpResponse<String> report = browser.post("/mix/spend?lang=en", "multipart/form-data; boundary="
                    + boundary, body.toString().getBytes(StandardCharsets.UTF_8));
            assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
            assertThat(report.body()).as(kind[0]).contains(kind[0] + ".csv").contains("nothing was stored")
                    .contains("Line 3").contains(kind[0].equals("spend") ? "unparseable_date" : "invalid_value");
        }
    }
}
