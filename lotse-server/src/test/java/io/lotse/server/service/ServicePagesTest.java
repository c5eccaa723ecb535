package io.lotse.server.service;

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
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The agent workspace as a signed-in agent sees it, in English and German. */
@LotseServerTest
class ServicePagesTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private String base() {
        return "http://localhost:" + port;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String csrfFrom, String form) throws Exception {
        Matcher token = CSRF.matcher(get(csrfFrom).body());
        assertThat(token.find()).as("CSRF token on " + csrfFrom).isTrue();
        return browser.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + token.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void signIn() throws Exception {
        post("/login", "/login", "username=agent&token=" + LotseServerTest.ADMIN_TOKEN);
    }

    @Test
    void anAgentSeesTheQueueOpensATicketCorrectsItAndSendsTheAnswer() throws Exception {
        String sender = ServerClient.unique("page") + "@example.org";
        long id = new ServerClient(port).admin("POST", "/api/v1/service/messages", """
                {"sender": "%s", "subject": "Frechheit", "text": "Das ist eine Frechheit, der Pullover kam kaputt an!!"}"""
                .formatted(sender)).json().path("id").asLong();
        signIn();

        HttpResponse<String> queue = get("/service?lang=en");
        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.body()).contains("Service queue", "Frechheit", "/service/tickets/" + id);

        String ticketPath = "/service/tickets/" + id;
        HttpResponse<String> ticket = get(ticketPath + "?lang=de");
        assertThat(ticket.statusCode()).isEqualTo(200);
        assertThat(ticket.body()).contains("Antwortvorschlag", "Vorbereitete Daten", "Unbekannter Absender");

        HttpResponse<String> corrected = post(ticketPath + "/intent", ticketPath, "intent=damaged_item");
        assertThat(corrected.statusCode()).isEqualTo(200);
        assertThat(corrected.body()).contains("damaged_item");

        HttpResponse<String> sent = post(ticketPath + "/reply", ticketPath, "text="
                + URLEncoder.encode("Das tut uns leid, Ersatz ist unterwegs.", StandardCharsets.UTF_8));
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("Ersatz ist unterwegs.");
        assertThat(new ServerClient(port).get("/api/v1/service/tickets/" + id).json().path("status").asString())
                .isEqualTo("answered");
    }

    @Test
    void theTicketShowsTheShipmentAndTheAnswerQuotesIt() throws Exception {
        String userId = ServerClient.unique("ship");
        String order = "LS-2026-S" + System.nanoTime() % 1_000_000;
        ServerClient client = new ServerClient(port);
        client.sendOk("/v1/identify", """
                {"userId": "%s", "traits": {"email": "%s@example.org", "firstName": "Ada"}}""".formatted(userId, userId));
        client.sendOk("/v1/batch", """
                {"batch": [
                  {"type": "track", "userId": "%1$s", "event": "Order Completed", "timestamp": "2026-11-02T10:00:00Z",
                   "properties": {"order_id": "%2$s", "total": 19.90, "products": [{"name": "Schal", "quantity": 1}]}},
                  {"type": "track", "userId": "%1$s", "event": "Order Shipped", "timestamp": "2026-11-03T10:00:00Z",
                   "properties": {"order_id": "%2$s", "carrier": "DHL", "tracking_number": "00340434",
                                  "tracking_url": "https://track.example/00340434"}}]}""".formatted(userId, order));
        client.awaitProfile("userId", userId, p -> p.path("stats").path("orders").asInt() == 1);
        long id = client.admin("POST", "/api/v1/service/messages", """
                {"sender": "%s@example.org", "userId": "%s", "text": "Wo ist meine Bestellung %s?"}"""
                .formatted(userId, userId, order)).json().path("id").asLong();
        signIn();

        String page = get("/service/tickets/" + id + "?lang=de").body();

        assertThat(page).contains(order, "Versand", "DHL", "https://track.example/00340434", "00340434", "versandt");
        assertThat(client.get("/api/v1/service/tickets/" + id).json().path("context").path("variables")
                .path("order.status").asString())
                .isEqualTo("versandt am 03.11.2026 mit DHL, Sendungsnummer 00340434");
    }

    @Test
    void figuresAndFrictionPagesRenderInBothLanguages() throws Exception {
        new ServerClient(port).admin("POST", "/api/v1/service/messages",
                "{\"sender\": \"f@example.org\", \"text\": \"Haben Sie am Samstag geöffnet?\"}");
        signIn();

        assertThat(get("/service/metrics?lang=en").body()).contains("Automation rate", "all intents");
        assertThat(get("/service/metrics?lang=de").body()).contains("Automatisierungsquote");
        assertThat(get("/service/friction?lang=en").body()).contains("Remove the cause", "Automate");
        assertThat(get("/service/friction?lang=de").body()).contains("Ursache beseitigen");
        assertThat(get("/?lang=en").body()).contains("href=\"/service\"");
    }
}
