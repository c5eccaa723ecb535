package io.lotse.server.predict;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.BrowserSession;
import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The predictions in the UI, in English and German: the scores panel on a profile page with the reasons in words,
 * and the predictions page with the distributions, the runs and the retrain button.
 */
@LotseServerTest
class PredictionPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ServerClient client;
    private BrowserSession browser;

    @BeforeEach
    void signIn() throws Exception {
        client = new ServerClient(port);
        browser = BrowserSession.signIn(client, "tester");
    }

    @Test
    void aProfileShowsItsScoresAndTheReasonsInTheReadersLanguage() throws Exception {
        ShopHistory.send(client, jdbc);
        assertThat(client.admin("POST", "/api/v1/predictions/models?wait=true", ShopHistory.WINDOW).status())
                .isEqualTo(201);
        long fiona = client.lookup("userId", ShopHistory.FIONA).json().path("id").asLong();
        long lead = client.lookup("userId", ShopHistory.LEAD + "9").json().path("id").asLong();

        String english = get("/profiles/" + fiona + "?lang=en").body();
        assertThat(english).contains("id=\"predictions\"").contains("Value, next 12 months").contains("Champions")
                .contains("Chance of an order in 30 days").contains("Churn risk").contains("Next order expected");
        assertThat(english).containsPattern("(raises|lowers) it");
        String german = get("/profiles/" + fiona + "?lang=de").body();
        assertThat(german).contains("Wert, nächste 12 Monate").contains("Wahrscheinlichkeit einer Bestellung")
                .contains("Abwanderungsrisiko").containsPattern("(erhöht|senkt) sie");
        assertThat(get("/profiles/" + lead + "?lang=de").body())
                .contains("Noch keine Bestellung im Datenfenster")
                .contains("Wahrscheinlichkeit für „Signed Up“ in 30 Tagen");
    }

    @Test
    void thePredictionsPageShowsDistributionsAndRunsAndRetrains() throws Exception {
        ShopHistory.send(client, jdbc);
        assertThat(client.admin("POST", "/api/v1/predictions/models?wait=true", ShopHistory.WINDOW).status())
                .isEqualTo(201);

        assertThat(get("/predictions?lang=de").body()).contains("Kunden je RFM-Segment").contains("Nicht verlieren")
                .contains("Trainingsläufe").contains("Jetzt neu trainieren");

        HttpResponse<String> page = get("/predictions?lang=en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Customers per RFM segment").contains("Lose Them")
                .contains("Expected 12-month value per customer").contains("Churn risk of the customers")
                .contains("Most valuable customers").contains("Training runs").contains("BG/NBD log-likelihood")
                .contains("aria-current=\"page\"").contains("/js/predictions.js");
        HttpResponse<String> started = browser.post("/predictions/models",
                "_csrf=" + BrowserSession.csrf(page.body()));
        assertThat(started.statusCode()).isEqualTo(200);
        Matcher run = Pattern.compile("Training run (\\d+) has started").matcher(started.body());
        assertThat(run.find()).as(started.body()).isTrue();
        String address = "/api/v1/predictions/models/" + run.group(1);
        String trigger = ServerClient.eventually(() -> {
            var model = client.get(address).json();
            return "running".equals(model.path("status").asString()) ? null : model.path("trigger").asString();
        });
        assertThat(trigger).isEqualTo("ui");
        assertThat(get("/predictions/runs").body()).contains("id=\"run-" + run.group(1) + "\"");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.get(path);
    }
}
