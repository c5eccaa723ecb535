package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code ./lotse eval sessions} on a tiny hand-written shop. */
class SessionEvaluationTest {

    @TempDir
    Path shop;

    private static String view(String visitor, String messageId, String product, String at) {
        return """
                {"type":"track","event":"Product Viewed","anonymousId":"%s","messageId":"%s","timestamp":"%s",\
                "properties":{"product_id":"%s"}}""".formatted(visitor, messageId, at, product);
    }

    @Test
    void predictsEachNextViewOfTheTestSessionsAndComparesWithTheTruth() throws IOException {
        List<String> events = new ArrayList<>();
        // Training: three visitors view A then B; one views C then D.
        for (int v = 0; v < 3; v++) {
            events.add(view("t" + v, "t" + v + "-1", "A", "2026-01-0" + (v + 1) + "T10:00:00Z"));
            events.add(view("t" + v, "t" + v + "-2", "B", "2026-01-0" + (v + 1) + "T10:01:00Z"));
        }
        events.add(view("u", "u-1", "C", "2026-01-04T10:00:00Z"));
        events.add(view("u", "u-2", "D", "2026-01-04T10:01:00Z"));
        events.add("{\"type\":\"page\",\"name\":\"Home\",\"anonymousId\":\"t0\"}");
        // Test: A then B (predictable), and a visit cut in two by an hour without activity.
        events.add(view("x", "x-1", "A", "2026-01-10T10:00:00Z"));
        events.add(view("x", "x-2", "B", "2026-01-10T10:02:00Z"));
        events.add(view("x", "x-3", "C", "2026-01-10T11:30:00Z"));
        Files.write(shop.resolve("events.jsonl"), events);
        Files.createDirectories(shop.resolve("truth"));
        Files.writeString(shop.resolve("truth/next_items.jsonl"), """
                {"after_message_id":"x-1","distribution":[{"product_id":"B","p":0.6},{"product_id":"E","p":0.3}],\
                "covered_mass":0.9,"actual_next":"B"}
                """);

        List<SessionEvaluation.Session> sessions = SessionEvaluation.sessions(shop.resolve("events.jsonl"));
        JsonNode result = SessionEvaluation.evaluate(sessions,
                SessionEvaluation.truth(shop.resolve("truth/next_items.jsonl")),
                Instant.parse("2026-01-08T00:00:00Z"), 2);

        assertThat(sessions).hasSize(5);
        assertThat(result.path("training_sessions").asInt()).isEqualTo(4);
        assertThat(result.path("predictions").asInt()).isEqualTo(1);
        assertThat(result.path("truth_samples").asInt()).isEqualTo(1);
        // V-SKNN ranks the viewed A first (every neighbour holds it), then B; item-kNN ranks B first.
        assertThat(result.path("vsknn").path("hr@2").asDouble()).isEqualTo(1.0);
        assertThat(result.path("vsknn").path("mrr@2").asDouble()).isEqualTo(0.5);
        assertThat(result.path("itemknn").path("mrr@2").asDouble()).isEqualTo(1.0);
        assertThat(result.path("vsknn").path("true_mass@2").asDouble()).isCloseTo(0.6, within(1e-9));
        assertThat(result.path("truth").path("true_mass@2").asDouble()).isCloseTo(0.9, within(1e-9));
        assertThat(result.path("truth").path("hr@2").asDouble()).isEqualTo(1.0);
        assertThat(result.path("vsknn").path("share_of_truth").asDouble()).isCloseTo(0.6667, within(1e-4));
    }
}
