package io.lotse.server.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.ServerClient.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The admin API for segments: creating, versions, archiving, previews, members, export and its errors. */
@LotseServerTest
class SegmentApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ServerClient client;
    private ProfileRows rows;

    @BeforeEach
    void connect() {
        client = new ServerClient(port);
        rows = new ProfileRows(jdbc);
    }

    private String key(String prefix) {
        return prefix + "-" + rows.run.substring(0, 8);
    }

    private String ruleOurs(String condition) {
        return "{\"all\": [" + rows.ours() + ", " + condition + "]}";
    }

    private Response create(String key, String name, String rule) {
        return client.admin("POST", "/api/v1/segments",
                "{\"key\": \"" + key + "\", \"name\": \"" + name + "\", \"rule\": " + rule + "}");
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("detail").asString()).isNotBlank();
    }

    @Test
    void aCreatedSegmentHasItsMembersAtOnce() {
        long german = rows.profile("\"country\": \"DE\"", ProfileRows.granted("email", true));
        rows.profile("\"country\": \"FR\"", "");
        String key = key("germans");

        Response created = create(key, "Germans", ruleOurs("{\"trait\": \"country\", \"op\": \"eq\", \"value\": \"DE\"}"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode segment = created.json();
        assertThat(segment.path("key").asString()).isEqualTo(key);
        assertThat(segment.path("version").asInt()).isEqualTo(1);
        assertThat(segment.path("size").asLong()).isEqualTo(1);
        assertThat(segment.path("rule").path("all").get(1).path("value").asString()).isEqualTo("DE");
        assertThat(segment.path("evaluatedAt").isNull()).isFalse();
        assertThat(client.get("/api/v1/segments/" + key).json().path("size").asLong()).isEqualTo(1);
        List<String> listed = new ArrayList<>();
        client.get("/api/v1/segments").json().path("segments").forEach(s -> listed.add(s.path("key").asString()));
        assertThat(listed).contains(key);
        JsonNode members = client.get("/api/v1/segments/" + key + "/members").json();
        assertThat(members.path("members")).hasSize(1);
        assertThat(members.path("members").get(0).path("profileId").asLong()).isEqualTo(german);
    }

    @Test
    void theKeyIsDerivedFromTheNameWhenNotGiven() {
        Response created = client.admin("POST", "/api/v1/segments", "{\"name\": \"Kunden in Köln " + rows.run
                + "\", \"rule\": " + ruleOurs("{\"consent\": \"email\"}") + "}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("key").asString()).isEqualTo("kunden-in-koeln-" + rows.run);
    }

    @Test
    void aChangedRuleIsANewVersionAndTheHistoryKeepsEveryVersion() {
        rows.profile("\"country\": \"DE\"", "");
        rows.profile("\"country\": \"AT\"", "");
        String key = key("dach");
        create(key, "DACH", ruleOurs("{\"trait\": \"country\", \"op\": \"eq\", \"value\": \"DE\"}"));

        Response renamed = client.admin("PUT", "/api/v1/segments/" + key, "{\"name\": \"DACH customers\"}");
        assertThat(renamed.json().path("version").asInt()).isEqualTo(1);
        assertThat(renamed.json().path("name").asString()).isEqualTo("DACH customers");
        Response same = client.admin("PUT", "/api/v1/segments/" + key,
                "{\"rule\": " + ruleOurs("{\"trait\": \"country\", \"op\": \"eq\", \"value\": \"DE\"}") + "}");
        assertThat(same.json().path("version").asInt()).isEqualTo(1);
        Response widened = client.admin("PUT", "/api/v1/segments/" + key, "{\"rule\": "
                + ruleOurs("{\"trait\": \"country\", \"op\": \"in\", \"value\": [\"DE\", \"AT\", \"CH\"]}") + "}");

        assertThat(widened.status()).as(widened.body()).isEqualTo(200);
        assertThat(widened.json().path("version").asInt()).isEqualTo(2);
        assertThat(widened.json().path("size").asLong()).isEqualTo(2);
        JsonNode history = client.get("/api/v1/segments/" + key + "/history").json();
        assertThat(history.path("versions")).hasSize(2);
        assertThat(history.path("versions").get(0).path("version").asInt()).isEqualTo(2);
        assertThat(history.path("versions").get(1).path("rule").path("all").get(1).path("op").asString())
                .isEqualTo("eq");
        assertThat(history.path("versions").get(0).path("createdBy").asString()).isEqualTo("admin-api");
        JsonNode sizes = history.path("sizes");
        assertThat(sizes.get(sizes.size() - 1).path("size").asLong()).isEqualTo(2);
        List<Boolean> changes = jdbc.sql("""
                        SELECT c.entered FROM segment_membership_changes c JOIN segments s ON s.id = c.segment_id
                        WHERE s.key = ? ORDER BY c.id""")
                .param(key).query(Boolean.class).list();
        assertThat(changes).containsExactly(true, true);
    }

    @Test
    void everyProblemOfARuleIsReportedWithItsPath() {
        Response response = client.admin("POST", "/api/v1/segments", """
                {"key": "Not A Key", "rule": {"all": [
                  {"trait": "country", "op": "equals", "value": "DE"},
                  {"event": "Order Completed", "atLeast": 2, "withinDays": 0},
                  {"segment": "no-such-segment-%s"}
                ]}}""".formatted(rows.run));

        assertProblem(response, 400);
        assertThat(response.json().path("title").asString()).isEqualTo("Invalid segment");
        List<JsonNode> errors = new ArrayList<>();
        response.json().path("errors").forEach(errors::add);
        assertThat(errors).extracting(e -> e.path("path").asString(), e -> e.path("code").asString()).containsExactly(
                tuple("/name", "missing"),
                tuple("/key", "bad_segment_key"),
                tuple("/rule/all/0/op", "unknown_operator"),
                tuple("/rule/all/1/withinDays", "out_of_range"));
        assertThat(errors.get(2).path("message").asString()).startsWith("unknown operator “equals”");
    }

    @Test
    void referencesToUnknownSegmentsAndCirclesAreRefused() {
        String a = key("a");
        String b = key("b");
        create(a, "A", ruleOurs("{\"consent\": \"email\"}"));
        create(b, "B", ruleOurs("{\"segment\": \"" + a + "\"}"));

        Response unknown = create(key("c"), "C", "{\"segment\": \"" + key("nothing") + "\"}");
        assertProblem(unknown, 400);
        assertThat(unknown.json().path("errors").get(0).path("code").asString()).isEqualTo("unknown_segment");
        assertThat(unknown.json().path("errors").get(0).path("path").asString()).isEqualTo("/rule/segment");

        Response circle = client.admin("PUT", "/api/v1/segments/" + a,
                "{\"rule\": {\"any\": [{\"consent\": \"sms\"}, {\"segment\": \"" + b + "\"}]}}");
        assertProblem(circle, 400);
        JsonNode error = circle.json().path("errors").get(0);
        assertThat(error.path("code").asString()).isEqualTo("segment_cycle");
        assertThat(error.path("path").asString()).isEqualTo("/rule/any/1/segment");
        assertThat(error.path("message").asString()).contains(a + " → " + b + " → " + a);

        assertProblem(client.admin("DELETE", "/api/v1/segments/" + a, ""), 409);
        assertThat(client.admin("DELETE", "/api/v1/segments/" + b, "").status()).isEqualTo(204);
        assertThat(client.admin("DELETE", "/api/v1/segments/" + a, "").status()).isEqualTo(204);
    }

    @Test
    void anArchivedSegmentKeepsItsHistoryButNotItsMembers() {
        rows.profile("\"country\": \"DE\"", "");
        String key = key("archived");
        create(key, "Soon archived", ruleOurs("{\"trait\": \"country\", \"op\": \"eq\", \"value\": \"DE\"}"));

        assertThat(client.admin("DELETE", "/api/v1/segments/" + key, "").status()).isEqualTo(204);

        JsonNode archived = client.get("/api/v1/segments/" + key).json();
        assertThat(archived.path("archivedAt").isNull()).isFalse();
        assertThat(archived.path("size").asLong()).isZero();
        assertThat(client.get("/api/v1/segments/" + key + "/members").json().path("members")).isEmpty();
        List<String> active = new ArrayList<>();
        client.get("/api/v1/segments").json().path("segments").forEach(s -> active.add(s.path("key").asString()));
        assertThat(active).doesNotContain(key);
        List<String> archivedKeys = new ArrayList<>();
        client.get("/api/v1/segments?archived=true").json().path("segments")
                .forEach(s -> archivedKeys.add(s.path("key").asString()));
        assertThat(archivedKeys).contains(key);
        assertThat(client.get("/api/v1/segments/" + key + "/history").json().path("versions")).hasSize(1);
        assertProblem(client.admin("PUT", "/api/v1/segments/" + key, "{\"name\": \"Back\"}"), 409);
        assertProblem(create(key, "Again", ruleOurs("{\"consent\": \"email\"}")), 409);
        Response referring = create(key("referring"), "Referring", "{\"segment\": \"" + key + "\"}");
        assertProblem(referring, 400);
        assertThat(referring.json().path("errors").get(0).path("code").asString()).isEqualTo("archived_segment");
    }

    @Test
    void aPreviewShowsSizeAndSampleWithoutStoringAnything() {
        long recent = rows.profile("\"country\": \"DE\", \"email\": \"recent@example.org\"", "");
        long segmentsBefore = jdbc.sql("SELECT count(*) FROM segments").query(Long.class).single();

        Response preview = client.admin("POST", "/api/v1/segments/preview",
                "{\"rule\": " + ruleOurs("{\"trait\": \"country\", \"op\": \"eq\", \"value\": \"DE\"}") + "}");

        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().path("size").asLong()).isEqualTo(1);
        assertThat(preview.json().path("sample").get(0).path("profileId").asLong()).isEqualTo(recent);
        assertThat(preview.json().path("sample").get(0).path("email").asString()).isEqualTo("recent@example.org");
        assertThat(jdbc.sql("SELECT count(*) FROM segments").query(Long.class).single()).isEqualTo(segmentsBefore);
        Response invalid = client.admin("POST", "/api/v1/segments/preview", "{\"rule\": {\"any\": []}}");
        assertProblem(invalid, 400);
        assertThat(invalid.json().path("errors").get(0).path("path").asString()).isEqualTo("/rule/any");
    }

    @Test
    void membersArePagedAndExportedAsCsv() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(rows.profile("\"email\": \"" + (i == 0 ? "=cmd()" : "p" + i + "@example.org") + "\"", ""));
        }
        String key = key("paged");
        create(key, "Paged", ruleOurs("{\"trait\": \"email\", \"op\": \"exists\"}"));

        List<Long> paged = new ArrayList<>();
        String path = "/api/v1/segments/" + key + "/members?limit=2";
        JsonNode page = client.get(path).json();
        while (true) {
            page.path("members").forEach(m -> paged.add(m.path("profileId").asLong()));
            if (page.path("next").isNull() || page.path("next").isMissingNode()) {
                break;
            }
            page = client.get(path + "&after=" + page.path("next").asLong()).json();
        }
        assertThat(paged).containsExactlyElementsOf(ids);

        Response csv = client.get("/api/v1/segments/" + key + "/members.csv");
        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("profile_id,user_id,email,entered_at");
        assertThat(lines.get(1)).startsWith(ids.get(0) + ",,'=cmd(),");
        assertThat(lines.get(2)).startsWith(ids.get(1) + ",,p1@example.org,");
        assertProblem(client.get("/api/v1/segments/" + key + "/members?limit=0"), 400);
    }

    @Test
    void unknownSegmentsAreNotFoundAndCallsNeedTheAdminToken() {
        String missing = key("missing");
        assertProblem(client.get("/api/v1/segments/" + missing), 404);
        assertProblem(client.get("/api/v1/segments/" + missing + "/members"), 404);
        assertProblem(client.get("/api/v1/segments/" + missing + "/members.csv"), 404);
        assertProblem(client.admin("PUT", "/api/v1/segments/" + missing, "{\"name\": \"x\"}"), 404);
        assertProblem(client.admin("DELETE", "/api/v1/segments/" + missing, ""), 404);
        assertProblem(client.admin("POST", "/api/v1/segments/" + missing + "/evaluate", ""), 404);
        assertProblem(client.admin("POST", "/api/v1/segments", "{not json"), 400);
        Response anonymous = client.send(HttpRequest.newBuilder(URI.create(client.base() + "/api/v1/segments"))
                .GET().build());
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void anEvaluationThroughTheApiReportsWhatChanged() {
        String key = key("evaluated");
        create(key, "Evaluated", ruleOurs("{\"trait\": \"country\", \"op\": \"eq\", \"value\": \"DE\"}"));
        rows.profile("\"country\": \"DE\"", "");

        Response evaluated = client.admin("POST", "/api/v1/segments/" + key + "/evaluate", "");

        assertThat(evaluated.status()).as(evaluated.body()).isEqualTo(200);
        assertThat(evaluated.json().path("size").asLong()).isEqualTo(1);
        assertThat(evaluated.json().path("entered").asLong()).isEqualTo(1);
        assertThat(evaluated.json().path("left").asLong()).isZero();
    }
}
