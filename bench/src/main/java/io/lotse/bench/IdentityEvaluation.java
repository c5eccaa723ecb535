package io.lotse.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures identity resolution against a simulated shop's ground truth: sends the shop's events to a running
 * server in time order, waits until every event is in a profile, and compares the profiles that the identifiers
 * ended up in with the true persons behind them.
 *
 * <p>Pairwise precision is the share of identifier pairs placed in one profile that belong to one person.
 * Pairwise recall is the share of identifier pairs that belong to one person <em>and that the events tie
 * together</em> (a chain of events each carrying identifiers of that person) which were placed in one profile:
 * a device on which a person never signed in carries no evidence of who they are, so no deterministic resolver
 * can be expected to link it. {@code pairwise_recall_all_pairs} counts every pair of one person, evidence or
 * not. Only identifiers seen in the events count; one that Lotse holds in no profile (a blocklisted value, say)
 * counts as a profile of its own.
 *
 * <p>Last line of output: {@code {"identifiers": N, "persons": N, "profiles": N, "unresolved": N,
 * "pairwise_precision": X, "pairwise_recall": X, "pairwise_recall_all_pairs": X}}.
 */
public final class IdentityEvaluation {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> OPTIONS = Set.of("--url", "--write-key", "--data-dir", "--shop");

    private IdentityEvaluation() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions options = CommandLineOptions.parse(OPTIONS, args);
        URI url = URI.create(options.required("--url"));
        String writeKey = options.required("--write-key");
        Path dataDir = Path.of(options.required("--data-dir"));
        Path shop = Path.of(options.required("--shop"));

        Map<String, String> personOf = truth(shop.resolve("truth").resolve("identities.csv"));
        Set<String> seen = new HashSet<>();
        Linkage evidence = new Linkage();
        int sent = send(url, writeKey, shop.resolve("events.jsonl"), identifiers -> {
            seen.addAll(identifiers);
            for (int i = 1; i < identifiers.size(); i++) {
                String person = personOf.get(identifiers.get(0));
                if (person != null && person.equals(personOf.get(identifiers.get(i)))) {
                    evidence.link(identifiers.get(0), identifiers.get(i));
                }
            }
        });
        progress("sent " + sent + " events; waiting for the profiles");
        Properties credentials = new Properties();
        credentials.setProperty("user", "postgres");
        try (Connection db = DriverManager.getConnection(CopyBaseline.jdbcUrl(dataDir), credentials)) {
            awaitProjection(db);
            Map<String, Long> profileOf = profiles(db);
            // Only what the events showed can be resolved; also count what Lotse holds in normalised form.
            personOf.keySet().removeIf(id -> !seen.contains(id) && !profileOf.containsKey(id));
            Map<String, String> groupOf = new HashMap<>();
            personOf.keySet().forEach(id -> groupOf.put(id, evidence.find(id)));
            PairCounts byPerson = PairCounts.of(personOf, profileOf);
            PairCounts byEvidence = PairCounts.of(groupOf, profileOf);
            System.out.println(String.format(Locale.ROOT,
                    "{\"identifiers\": %d, \"persons\": %d, \"profiles\": %d, \"unresolved\": %d, "
                            + "\"pairwise_precision\": %.4f, \"pairwise_recall\": %.4f, "
                            + "\"pairwise_recall_all_pairs\": %.4f}",
                    byPerson.identifiers(), byPerson.persons(), byPerson.profiles(), byPerson.unresolved(),
                    byPerson.precision(), byEvidence.recall(), byPerson.recall()));
        }
    }

    private static int send(URI url, String writeKey, Path events, Consumer<List<String>> identifiersOfEach)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        // post() fails unless the server took the whole batch: every message read was sent.
        return (int) EventFileBatches.send(events, (line, number) -> {
            identifiersOfEach.accept(identifiersOf(JSON.readTree(line)));
            return true;
        }, batch -> post(http, url, authorization, batch));
    }

    /** The identifiers an event carries, as {@code type:value} in the truth's spelling. */
    static List<String> identifiersOf(JsonNode event) {
        List<String> seen = new ArrayList<>();
        add(seen, "user_id", event.path("userId"));
        add(seen, "anonymous_id", event.path("anonymousId"));
        add(seen, "device_id", event.path("context").path("device").path("id"));
        for (JsonNode traits : List.of(event.path("context").path("traits"),
                "identify".equals(event.path("type").asString("")) ? event.path("traits") : event.path("none"))) {
            add(seen, "email", traits.path("email"));
            add(seen, "phone", traits.path("phone"));
        }
        return seen;
    }

    private static void add(List<String> seen, String type, JsonNode value) {
        if (value.isString() || value.isNumber()) {
            String text = value.asString().trim();
            seen.add(type + ":" + (type.equals("email") ? text.toLowerCase(Locale.ROOT) : text));
        }
    }

    private static int post(HttpClient http, URI url, String authorization, List<String> batch)
            throws IOException, InterruptedException {
        String body = "{\"batch\":[" + String.join(",", batch) + "]}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve("/v1/batch"))
                        .header("Authorization", authorization).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the server answered " + response.statusCode() + ": " + response.body());
        }
        if (response.body().contains("\"index\"")) {
            progress("some events were rejected: " + response.body());
        }
        return batch.size();
    }

    private static void awaitProjection(Connection db) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (single(db, "SELECT (SELECT coalesce(max(seq), 0) FROM events) - position FROM log_consumers "
                    + "WHERE name = 'profiles'") == 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the profiles did not catch up with the log within 30 minutes");
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Lotse's placement: normalised identifier ({@code type:value}) to profile. */
    private static Map<String, Long> profiles(Connection db) throws SQLException {
        Map<String, Long> profileOf = new HashMap<>();
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT type, value, profile_id FROM identities")) {
            while (rs.next()) {
                profileOf.put(rs.getString(1) + ":" + rs.getString(2), rs.getLong(3));
            }
        }
        return profileOf;
    }

    /** The truth: identifier ({@code type:value}, normalised as Lotse does for emails) to person. */
    static Map<String, String> truth(Path identities) throws IOException {
        Map<String, String> personOf = new HashMap<>();
        List<String> lines = Files.readAllLines(identities, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",");
        int type = indexOf(header, "identifier_type");
        int value = indexOf(header, "identifier");
        int person = indexOf(header, "person_id");
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            String kind = cells[type].trim();
            String identifier = kind.equals("email") ? cells[value].trim().toLowerCase(Locale.ROOT)
                    : cells[value].trim();
            personOf.put(kind + ":" + identifier, cells[person].trim());
        }
        return personOf;
    }

    private static int indexOf(String[] header, String column) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the truth file has no column '" + column + "'");
    }

    private static void progress(String line) {
        System.err.println(line);
    }
}
