package io.lotse.server.engage;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.BrowserSession;
import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The engage pages of the UI: campaigns, the template editor, journeys with their editor, forms and pages. */
@LotseServerTest
class EngagePagesTest {

    @LocalServerPort
    int port;

    private ServerClient client;
    private BrowserSession browser;

    @BeforeEach
    void signIn() throws Exception {
        client = new ServerClient(port);
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

    private String page(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(client.base() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void campaignsTemplatesAndExperimentResultsAreShownInBothLanguages() throws Exception {
        JsonNode ada = EngageTestSupport.person(client, "Ada", true, "pages.example");
        long template = client.admin("POST", "/api/v1/engage/templates", """
                {"name":"Winter","subject":"Hi {{firstName}}","html":"<p>Hi {{firstName}}</p>"}""")
                .json().path("id").asLong();
        ServerClient.Response created = client.admin("POST", "/api/v1/engage/campaigns", """
                {"name":"Winter sale","templateId":%d,"audience":{"kind":"profiles","ids":[%d]},"holdoutPercent":10,
                 "experiment":{"mode":"ab","metric":"click","variants":[{"name":"A"},{"name":"B","subject":"Cold?"}]}}"""
                .formatted(template, ada.path("id").asLong()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long campaign = created.json().path("id").asLong();

        HttpResponse<String> list = get("/engage/campaigns?lang=en");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Winter sale", "Draft", "New campaign", "Templates");
        HttpResponse<String> detail = get("/engage/campaigns/" + campaign + "?lang=de");
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body()).contains("Winter sale", "Experiment", "Chance, die Kontrolle zu schlagen",
                "Im Vergleich zur Kontrollgruppe", "unzuverlässig");

        HttpResponse<String> made = post("/engage/campaigns", "_csrf=" + csrf(list.body()) + "&name=Subjects&templateId="
                + template + "&topic=newsletter&audience=all_subscribers&holdoutPercent=5&experimentMode=bandit"
                + "&metric=click&variantSubjects=" + encode("Cold outside?\nWarm up, {{firstName}}"));
        assertThat(made.statusCode()).isEqualTo(200);
        assertThat(made.uri().getPath()).matches("/engage/campaigns/\\d+");
        JsonNode plan = client.get("/api/v1/engage/campaigns/" + made.uri().getPath().replaceAll("\\D", "")).json()
                .path("campaign").path("experiment");
        assertThat(plan.path("mode").asString()).isEqualTo("bandit");
        assertThat(plan.path("variants")).hasSize(3);
        HttpResponse<String> later = post(made.uri().getPath() + "/schedule", "_csrf=" + csrf(made.body())
                + "&at=2099-01-01T10:00");
        assertThat(later.body()).contains("Beginnt 01.01.2099, 10:00", "Geplant");
        HttpResponse<String> stopped = post(made.uri().getPath() + "/stop", "_csrf=" + csrf(later.body()));
        assertThat(stopped.body()).contains("Gestoppt");
        HttpResponse<String> refused = post("/engage/campaigns", "_csrf=" + csrf(list.body()) + "&name=Broken&templateId="
                + template + "&experimentMode=ab&variantSubjects=");
        assertThat(refused.body()).contains("an experiment needs 2 to 8 variants");

        HttpResponse<String> editor = get("/engage/templates/" + template + "?lang=en");
        assertThat(editor.statusCode()).isEqualTo(200);
        HttpResponse<String> preview = post("/engage/templates/" + template + "/preview", "_csrf="
                + csrf(editor.body()) + "&profileId=" + ada.path("id").asLong());
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("Hi Ada").doesNotContain("<html");
    }

    @Test
    void theJourneyEditorSavesStepsAndRefusesBrokenOnesWithTheReason() throws Exception {
        HttpResponse<String> journeys = get("/engage/journeys?lang=en");
        assertThat(journeys.statusCode()).isEqualTo(200);
        assertThat(journeys.body()).contains("Lead lifecycle", "Form submitted");
        String name = ServerClient.unique("cart");
        HttpResponse<String> editor = post("/engage/journeys", "_csrf=" + csrf(journeys.body()) + "&name="
                + name + "&triggerKind=event&triggerValue=" + encode("Product Added"));
        assertThat(editor.statusCode()).isEqualTo(200);
        assertThat(editor.body()).contains(name, "data-step-example", "Steps and funnel");
        String path = editor.uri().getPath();

        HttpResponse<String> refused = post(path, "_csrf=" + csrf(editor.body()) + "&name=" + name
                + "&triggerKind=event&triggerValue=x&steps=" + encode("[{\"id\":\"a\",\"type\":\"teleport\"}]"));
        assertThat(refused.body()).contains("unknown type &#39;teleport&#39;", "teleport");

        HttpResponse<String> saved = post(path, "_csrf=" + csrf(refused.body()) + "&name=" + name
                + "&triggerKind=event&triggerValue=x&steps=" + encode("""
                [{"id":"ordered","type":"wait_until","event":"Order Completed","timeout":"PT2H","onEvent":"done"},
                 {"id":"tag","type":"set_trait","trait":"abandoned","value":true},
                 {"id":"done","type":"exit"}]"""));
        assertThat(saved.body()).contains("ordered", "wait_until", "Done: saved");
    }

    @Test
    void formsAndLandingPagesAreListedWithTheirEmbedCode() throws Exception {
        String key = ServerClient.unique("pf").substring(0, 16);
        assertThat(client.admin("PUT", "/api/v1/engage/forms/" + key, """
                {"name":"Catalogue","fields":[{"name":"email","label":"Email","type":"email","required":true}]}""")
                .status()).isEqualTo(200);
        assertThat(client.admin("PUT", "/api/v1/engage/landing-pages/" + key, """
                {"title":"Catalogue page","html":"<p>{{form}}</p>","formKey":"%s",
                 "variants":[{"name":"short","html":"{{form}}"}],"mode":"bandit"}""".formatted(key)).status())
                .isEqualTo(200);
        HttpResponse<String> page = get("/engage/forms?lang=de");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Catalogue", "Catalogue page", "&lt;iframe src=", "/e/f/" + key,
                "Besucher");

        String made = key + "-ui";
        HttpResponse<String> saved = post("/engage/forms", "_csrf=" + csrf(page.body()) + "&key=" + made
                + "&name=Sample&consentPurpose=email&doubleOptIn=true&fields=" + encode("""
                [{"name":"email","label":"E-Mail","type":"email","required":true}]"""));
        assertThat(saved.body()).contains("Erledigt: saved", "/e/f/" + made);
        HttpResponse<String> broken = post("/engage/forms", "_csrf=" + csrf(saved.body()) + "&key=" + made
                + "&name=Sample&fields=" + encode("[{\"name\":"));
        assertThat(broken.body()).contains("not valid JSON");
        HttpResponse<String> landing = post("/engage/landing-pages", "_csrf=" + csrf(broken.body()) + "&key=" + made
                + "&title=" + encode("Sample page") + "&formKey=" + made + "&mode=ab&variants=&html="
                + encode("<h1>Hi {{firstName | \"there\"}}</h1>{{form}}"));
        assertThat(landing.body()).contains("Sample page");
        assertThat(page("/e/l/" + made)).contains("Hi there", "name=\"email\"");
    }
}
