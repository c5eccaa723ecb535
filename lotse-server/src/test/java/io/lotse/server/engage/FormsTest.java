package io.lotse.server.engage;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.ServerClient.Response;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Hosted forms (validation, consent with double opt-in, spam filters) and landing pages with variants. */
@LotseServerTest
class FormsTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = EngageTestSupport.greenMail();

    private static final String FIELDS = """
            [{"name":"email","label":"Email","type":"email","required":true},
             {"name":"firstName","label":"First name","type":"text","required":true},
             {"name":"employees","label":"Employees","type":"number"},
             {"name":"plan","label":"Plan","type":"select","options":["basic","pro"]}]""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ServerClient client;

    @BeforeEach
    void connect() {
        client = new ServerClient(port);
    }

    private String form(boolean doubleOptIn) {
        String key = ServerClient.unique("f").substring(0, 20);
        Response saved = client.admin("PUT", "/api/v1/engage/forms/" + key, """
                {"name":"Newsletter","fields":%s,"consentPurpose":"email","doubleOptIn":%s}"""
                .formatted(FIELDS, doubleOptIn));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        return key;
    }

    private Response post(String path, Map<String, String> values, boolean json) {
        String body = values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (json) {
            request.header("Accept", "application/json");
        }
        return client.send(request.build());
    }

    private Response page(String path) {
        return client.send(HttpRequest.newBuilder(URI.create(client.base() + path)).GET().build());
    }

    private static String hidden(String html, String name) {
        Matcher matcher = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
        assertThat(matcher.find()).as("hidden field %s in %s", name, html).isTrue();
        return matcher.group(1);
    }

    @Test
    void aSubmissionLandsOnTheProfileAndItsConsentIsProvedByDoubleOptIn() throws Exception {
        String key = form(true);
        Response shown = page("/e/f/" + key);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).contains("First name", "name=\"" + Forms.HONEYPOT + "\"",
                "I would like to receive the newsletter");
        String textId = hidden(shown.body(), Forms.CONSENT_TEXT);
        String email = ServerClient.unique("grace") + "@forms.example";

        Map<String, String> values = new LinkedHashMap<>();
        values.put("email", email);
        values.put("firstName", "Grace");
        values.put("employees", "12");
        values.put("plan", "pro");
        values.put(Forms.CONSENT, "on");
        values.put(Forms.CONSENT_TEXT, textId);
        values.put(Forms.HONEYPOT, "");
        Response sent = post("/e/f/" + key, values, false);

        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        MimeMessage confirmation = EngageTestSupport.awaitMessageTo(GREEN_MAIL, email);
        assertThat(confirmation.getSubject()).isEqualTo("Please confirm your subscription");
        JsonNode submission = client.get("/api/v1/engage/forms/" + key + "/submissions").json().get(0);
        assertThat(submission.path("values").path("firstName").asString()).isEqualTo("Grace");
        assertThat(submission.path("values").path("employees").asDouble()).isEqualTo(12.0);
        JsonNode proof = client.get("/api/v1/engage/subscriptions/proofs/" + submission.path("proofId").asLong())
                .json();
        assertThat(proof.path("email").asString()).isEqualTo(email);
        assertThat(proof.path("requestIp").asString()).isEqualTo("127.0.0.1");
        assertThat(proof.path("consentText").path("id").asString()).isEqualTo(textId);
        assertThat(proof.path("source").asString()).isEqualTo("form:" + key);
        assertThat(proof.path("confirmedAt").isNull()).isTrue();
        JsonNode profile = client.awaitProfile("email", email,
                p -> p.path("traits").path("firstName").asString("").equals("Grace"));
        assertThat(profile.path("traits").path("plan").asString()).isEqualTo("pro");
        // no consent before the confirmation link is used
        assertThat(profile.path("consents").path("email").path("granted").asBoolean(false)).isFalse();
    }

    @Test
    void badInputIsRefusedWithReasonsAndStoresNothing() {
        String key = form(true);
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("email", "not-an-address");
        bad.put("employees", "many");
        bad.put("plan", "enterprise");
        Response refused = post("/e/f/" + key, bad, true);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").path("email").asString()).isEqualTo("invalid_email");
        assertThat(refused.json().path("errors").path("firstName").asString()).isEqualTo("required");
        assertThat(refused.json().path("errors").path("employees").asString()).isEqualTo("invalid_number");
        assertThat(refused.json().path("errors").path("plan").asString()).isEqualTo("invalid_choice");
        Response shownAgain = post("/e/f/" + key, bad, false);
        assertThat(shownAgain.status()).isEqualTo(400);
        assertThat(shownAgain.body()).contains("Please enter a valid email address.", "value=\"many\"");

        Map<String, String> forgedConsent = Map.of("email", "x@forms.example", "firstName", "X",
                Forms.CONSENT, "on", Forms.CONSENT_TEXT, "999999");
        assertThat(post("/e/f/" + key, forgedConsent, true).json().path("errors").path(Forms.CONSENT).asString())
                .isEqualTo("invalid_consent_text");
        assertThat(post("/e/f/no-such-form", Map.of("email", "x@forms.example"), true).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM engage_form_submissions WHERE form_key = ?").param(key)
                .query(Long.class).single()).isZero();

        // a definition without the identifying email field, or with an unknown type, is refused
        assertThat(client.admin("PUT", "/api/v1/engage/forms/broken", """
                {"name":"Broken","fields":[{"name":"firstName","label":"Name","type":"text"}]}""").status())
                .isEqualTo(400);
        assertThat(client.admin("PUT", "/api/v1/engage/forms/broken", """
                {"name":"Broken","fields":[{"name":"email","label":"Email","type":"email","required":true},
                 {"name":"x","label":"X","type":"colour"}]}""").json().path("detail").asString())
                .contains("unknown type 'colour'");
        assertThat(client.admin("PUT", "/api/v1/engage/forms/Bad_Key", "{}").status()).isEqualTo(400);
    }

    @Test
    void spamIsDroppedSilentlyAndFloodsAreLimited() {
        String key = form(false);
        Map<String, String> bot = Map.of("email", "bot@forms.example", "firstName", "Bot",
                Forms.HONEYPOT, "http://spam.example");
        Response answered = post("/e/f/" + key, bot, true);
        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.json().path("status").asString()).isEqualTo("accepted");
        assertThat(jdbc.sql("SELECT count(*) FROM engage_form_submissions WHERE form_key = ?").param(key)
                .query(Long.class).single()).isZero();

        // the bot's submission counted against the limit too
        for (int i = 1; i < FormRateLimit.PER_WINDOW; i++) {
            assertThat(post("/e/f/" + key, Map.of("email", "p" + i + "@forms.example", "firstName", "P"), true)
                    .status()).isEqualTo(200);
        }
        Response limited = post("/e/f/" + key, Map.of("email", "late@forms.example", "firstName", "L"), true);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(jdbc.sql("SELECT count(*) FROM engage_form_submissions WHERE form_key = ?").param(key)
                .query(Long.class).single()).isEqualTo(FormRateLimit.PER_WINDOW - 1);
    }

    @Test
    void aLandingPageGreetsAKnownVisitorAndCountsFormSubmissionsPerVariant() {
        JsonNode ada = EngageTestSupport.person(client, "Ada", true, "mail.example");
        String formKey = form(true);
        String pageKey = ServerClient.unique("lp").substring(0, 20);
        Response saved = client.admin("PUT", "/api/v1/engage/landing-pages/" + pageKey, """
                {"title":"Autumn","formKey":"%s","mode":"ab",
                 "html":"<h1>Hello {{firstName | \\"friend\\"}}</h1>{{#segment never}}secret{{/segment}}{{form}}",
                 "variants":[{"name":"b","html":"<h1>Welcome {{firstName | \\"friend\\"}}</h1>{{form}}"}]}"""
                .formatted(formKey));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().path("variantNames")).hasSize(2);

        long template = client.admin("POST", "/api/v1/engage/templates", """
                {"name":"Invite","subject":"Autumn","html":"<a href=\\"{{landing.%s}}\\">Look</a>"}"""
                .formatted(pageKey)).json().path("id").asLong();
        String html = client.admin("POST", "/api/v1/engage/templates/" + template + "/preview",
                "{\"profileId\":" + ada.path("id").asLong() + "}").json().path("html").asString();
        Matcher link = Pattern.compile("href=\"[^\"]*(/e/l/[^\"]+)\"").matcher(html);
        assertThat(link.find()).as(html).isTrue();

        Response known = page(link.group(1).replace("&amp;", "&"));
        assertThat(known.status()).isEqualTo(200);
        assertThat(known.body()).containsAnyOf("Hello Ada", "Welcome Ada").doesNotContain("secret");
        Response again = page(link.group(1).replace("&amp;", "&"));
        assertThat(again.body().contains("Hello Ada")).isEqualTo(known.body().contains("Hello Ada"));
        Response anonymous = page("/e/l/" + pageKey);
        assertThat(anonymous.body()).containsAnyOf("Hello friend", "Welcome friend");

        Map<String, String> values = new LinkedHashMap<>();
        values.put("email", EngageTestSupport.email(ada));
        values.put("firstName", "Ada");
        values.put(Forms.LANDING_VIEW, hidden(known.body(), Forms.LANDING_VIEW));
        assertThat(post("/e/f/" + formKey, values, true).status()).isEqualTo(200);

        JsonNode analysis = client.get("/api/v1/engage/landing-pages/" + pageKey + "/experiment").json()
                .path("analysis");
        long visitors = 0;
        long conversions = 0;
        for (JsonNode variant : analysis.path("variants")) {
            visitors += variant.path("trials").asLong();
            conversions += variant.path("successes").asLong();
        }
        assertThat(visitors).isEqualTo(2);
        assertThat(conversions).isEqualTo(1);
        assertThat(analysis.path("control").asString()).isEqualTo("control");
        assertThat(page("/e/l/no-such-page").status()).isEqualTo(404);
    }

    @Test
    void aFormSubmissionStartsAJourney() {
        String key = form(false);
        long journey = client.admin("POST", "/api/v1/engage/journeys", """
                {"name":"%s","trigger":{"kind":"form_submitted","value":"%s"},
                 "steps":[{"id":"tag","type":"set_trait","trait":"form_journey","value":"entered"}]}"""
                .formatted(ServerClient.unique("j"), key)).json().path("id").asLong();
        assertThat(client.admin("POST", "/api/v1/engage/journeys/" + journey + "/activate", "").status())
                .isEqualTo(204);
        String email = ServerClient.unique("lin") + "@forms.example";
        assertThat(post("/e/f/" + key, Map.of("email", email, "firstName", "Lin"), true).status()).isEqualTo(200);
        client.awaitProfile("email", email,
                p -> p.path("traits").path("form_journey").asString("").equals("entered"));
    }

    @Test
    void erasingAPersonDeletesTheirSubmissionsAndBlanksTheirMessages() {
        JsonNode ada = EngageTestSupport.person(client, "Ada", true, "erase.example");
        String email = EngageTestSupport.email(ada);
        long profileId = ada.path("id").asLong();
        long template = client.admin("POST", "/api/v1/engage/templates", """
                {"name":"Hello","subject":"Hello","text":"Hello {{firstName}}"}""").json().path("id").asLong();
        long campaign = client.admin("POST", "/api/v1/engage/campaigns", """
                {"name":"Hello","templateId":%d,"audience":{"kind":"profiles","ids":[%d]}}"""
                .formatted(template, profileId)).json().path("id").asLong();
        client.admin("POST", "/api/v1/engage/campaigns/" + campaign + "/schedule", "{}");
        EngageTestSupport.awaitMessageTo(GREEN_MAIL, email);
        String key = form(false);
        assertThat(post("/e/f/" + key, Map.of("email", email, "firstName", "Ada"), true).status()).isEqualTo(200);
        ServerClient.eventually(() -> jdbc.sql("SELECT profile_id FROM engage_form_submissions WHERE form_key = ?")
                .param(key).query(Long.class).optional().orElse(null));

        assertThat(client.admin("DELETE", "/api/v1/profiles/" + profileId, "").status()).isEqualTo(204);

        assertThat(jdbc.sql("SELECT count(*) FROM engage_form_submissions WHERE lower(email) = lower(?)").param(email)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT DISTINCT email FROM engage_deliveries WHERE profile_id = ?").param(profileId)
                .query(String.class).list()).containsExactly(EngageErasure.ERASED);
    }
}
