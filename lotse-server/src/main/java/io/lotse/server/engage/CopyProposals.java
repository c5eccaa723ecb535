package io.lotse.server.engage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generated copy from any OpenAI-compatible chat-completions endpoint (for example a self-hosted model): proposed
 * subject lines and texts for a template, saved as new templates marked AI-generated, which cannot be sent until a
 * person approves them. Without a configured endpoint the feature is off and its API answers 404.
 */
@Component
class CopyProposals {

    static final int MAX_PROPOSALS = 5;

    private final EngageProperties.Ai ai;
    private final TemplateStore templates;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    CopyProposals(EngageProperties properties, TemplateStore templates, JsonMapper json) {
        this.ai = properties.ai();
        this.templates = templates;
        this.json = json;
    }

    boolean enabled() {
        return ai.enabled();
    }

    /**
     * Asks the model for variants of a template and saves each as an AI-generated template awaiting approval.
     * Proposals that are not valid templates are left out.
     *
     * @param brief what the copy should stress, in the editor's words; may be empty
     * @throws IllegalStateException when the feature is off or the endpoint fails
     */
    List<EmailTemplate> propose(EmailTemplate source, int count, String brief) {
        if (!enabled()) {
            throw new IllegalStateException("No copy generation endpoint is configured.");
        }
        int wanted = Math.max(1, Math.min(count, MAX_PROPOSALS));
        ObjectNode request = json.createObjectNode();
        request.put("model", ai.model());
        request.put("temperature", 0.8);
        ArrayNode messages = request.putArray("messages");
        messages.addObject().put("role", "system").put("content", """
                You write marketing email copy. Answer only with JSON of the form \
                {"variants":[{"subject":"...","text":"..."}]}. Keep tokens in double braces such as {{firstName}} \
                exactly as they are and invent no new ones. Subjects under 70 characters, no misleading claims.""");
        messages.addObject().put("role", "user").put("content", "Write " + wanted + " alternative versions of this "
                + "email.\nSubject: " + source.subject() + "\nText:\n" + (source.text().isBlank()
                ? source.html() : source.text()) + (brief.isBlank() ? "" : "\nBrief: " + brief));
        String base = ai.endpoint().replaceAll("/+$", "");
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request)));
        if (ai.apiKey() != null && !ai.apiKey().isBlank()) {
            call.header("Authorization", "Bearer " + ai.apiKey());
        }
        HttpResponse<String> response;
        try {
            response = http.send(call.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("The copy generation endpoint cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for generated copy", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("The copy generation endpoint answered " + response.statusCode());
        }
        String content = json.readTree(response.body()).path("choices").path(0).path("message").path("content")
                .asString("");
        List<EmailTemplate> saved = new ArrayList<>();
        int n = 0;
        for (JsonNode variant : variants(content)) {
            String subject = variant.path("subject").asString("").strip();
            String text = variant.path("text").asString("").strip();
            if (subject.isEmpty() || text.isEmpty() || saved.size() >= wanted) {
                continue;
            }
            n++;
            try {
                saved.add(templates.create(source.name() + " (AI " + n + ")", subject, html(text), text, true));
            } catch (TemplateException e) {
                // a proposal with broken tokens is no proposal
            }
        }
        return saved;
    }

    /** The variants in the model's answer, also when it wrapped the JSON in prose or a code fence. */
    private List<JsonNode> variants(String content) {
        int start = content.indexOf('{');
        int end = content.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return List.of();
        }
        try {
            List<JsonNode> variants = new ArrayList<>();
            json.readTree(content.substring(start, end + 1)).path("variants").forEach(variants::add);
            return variants;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static String html(String text) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : text.split("\\n\\s*\\n")) {
            html.append("<p>").append(MessageTemplate.escape(paragraph.strip()).replace("\n", "<br>")).append("</p>");
        }
        return html.append("<p><a href=\"{{unsubscribe_url}}\">Unsubscribe</a></p>").toString();
    }
}
