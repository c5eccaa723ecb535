package io.lotse.bench;

import io.lotse.engine.text.LabelledText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays a simulated shop's customer-service messages into a running Lotse, as a shop going live would: the
 * messages of paraphrase families 1 and 2 become the labelled examples (as a shop's history labelled by its
 * agents), the model is retrained, and the messages of the other families arrive through
 * {@code POST /api/v1/service/messages}. Compares what Lotse did with the truth: how many were answered
 * automatically and how many of those had the right intent.
 *
 * <p>{@code java -cp bench/target/lotse-bench.jar io.lotse.bench.ServiceReplay --url http://localhost:8080
 * --admin-token TOKEN --shop DIR [--limit N]} (the token may come from the variable {@code LOTSE_ADMIN_TOKEN}
 * instead, as {@code ./lotse demo} passes it). Last line of output: {@code {"examples", "messages", "automated",
 * "automation_rate", "auto_answer_precision", "handed_over", "intent_accuracy"}}.
 */
public final class ServiceReplay {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> OPTIONS = Set.of("--url", "--admin-token", "--shop", "--limit");

    private ServiceReplay() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions options = CommandLineOptions.parse(OPTIONS, args);
        String url = options.text("--url", "http://localhost:8080").replaceAll("/+$", "");
        String token = options.has("--admin-token") ? options.verbatim("--admin-token")
                : System.getenv("LOTSE_ADMIN_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("--admin-token (or the variable LOTSE_ADMIN_TOKEN) is required");
        }
        int limit = options.integer("--limit", 1_000_000, 0, Integer.MAX_VALUE);
        List<IntentData.ShopMessage> messages = IntentData.simulated(Path.of(options.text("--shop", "shop")));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        List<Map<String, String>> examples = new ArrayList<>();
        List<IntentData.ShopMessage> live = new ArrayList<>();
        for (IntentData.ShopMessage message : messages) {
            if (message.family() <= 2) {
                LabelledText example = message.example();
                examples.add(Map.of("text", example.text(), "intent", example.label()));
            } else if (live.size() < limit) {
                live.add(message);
            }
        }
        System.err.println("adding " + examples.size() + " labelled examples and retraining…");
        call(http, url, token, "POST", "/api/v1/service/examples", JSON.writeValueAsString(examples));
        JsonNode model = call(http, url, token, "POST", "/api/v1/service/model/retrain", "");
        System.err.println("model: " + model);

        int automated = 0;
        int automatedRight = 0;
        int right = 0;
        for (int i = 0; i < live.size(); i++) {
            IntentData.ShopMessage message = live.get(i);
            ObjectNode body = JSON.createObjectNode();
            body.put("sender", message.fromEmail().isBlank() ? "replay-" + i + "@customers.example"
                    : message.fromEmail());
            body.put("text", message.example().text());
            body.put("channel", "chat");
            JsonNode ticket = call(http, url, token, "POST", "/api/v1/service/messages", JSON.writeValueAsString(body));
            boolean correct = message.example().label().equals(ticket.path("intent").asString());
            right += correct ? 1 : 0;
            if ("auto_answered".equals(ticket.path("status").asString())) {
                automated++;
                automatedRight += correct ? 1 : 0;
            }
            if ((i + 1) % 100 == 0) {
                System.err.println((i + 1) + " of " + live.size() + " messages sent");
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("examples", examples.size());
        result.put("messages", live.size());
        result.put("automated", automated);
        result.put("automation_rate", live.isEmpty() ? 0 : automated / (double) live.size());
        result.put("auto_answer_precision", automated == 0 ? null : automatedRight / (double) automated);
        result.put("handed_over", live.size() - automated);
        result.put("intent_accuracy", live.isEmpty() ? 0 : right / (double) live.size());
        System.out.println(JSON.writeValueAsString(result));
    }

    private static JsonNode call(HttpClient http, String url, String token, String method, String path, String body)
            throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }
}
