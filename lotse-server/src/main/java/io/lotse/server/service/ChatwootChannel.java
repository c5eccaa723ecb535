package io.lotse.server.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers in a Chatwoot inbox as its agent bot: a message is posted to the conversation through Chatwoot's API
 * ({@code POST /api/v1/accounts/{account}/conversations/{conversation}/messages} with the bot's
 * {@code api_access_token}); a conversation Lotse does not answer itself is handed to Chatwoot's agents by setting
 * it open ({@code toggle_status}).
 */
@Component
class ChatwootChannel implements ReplyChannel {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ServiceProperties properties;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ChatwootChannel(ServiceProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Override
    public String channel() {
        return "chatwoot";
    }

    @Override
    public @Nullable String send(Ticket ticket, JsonNode replyTo, String text) {
        JsonNode answer = post(replyTo, "/messages", Map.of("content", text, "message_type", "outgoing",
                "private", false));
        JsonNode id = answer.get("id");
        return id == null || id.isNull() ? null : "chatwoot:" + id.asString();
    }

    @Override
    public void handOver(Ticket ticket, JsonNode replyTo) {
        post(replyTo, "/toggle_status", Map.of("status", "open"));
    }

    private JsonNode post(JsonNode replyTo, String path, Map<String, Object> body) {
        ServiceProperties.Chatwoot chatwoot = properties.chatwoot();
        if (chatwoot.url() == null || chatwoot.apiToken() == null) {
            throw new ReplyFailedException("Chatwoot is not configured (lotse.service.chatwoot.url and api-token)");
        }
        String url = chatwoot.url().replaceAll("/+$", "") + "/api/v1/accounts/" + replyTo.path("account").asString()
                + "/conversations/" + replyTo.path("conversation").asString() + path;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                            .header("api_access_token", chatwoot.apiToken())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new ReplyFailedException("Chatwoot answered HTTP " + response.statusCode() + " to " + path);
            }
            return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (java.io.IOException | RuntimeException e) {
            if (e instanceof ReplyFailedException failed) {
                throw failed;
            }
            throw new ReplyFailedException("Chatwoot could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplyFailedException("interrupted while calling Chatwoot", e);
        }
    }
}
