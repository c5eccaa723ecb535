package io.lotse.server.service;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * External systems (a shop back office, a carrier, an ERP) asked for every ticket over HTTP with JSON answers:
 * the configured URL template is filled from the gathered variables, the answer's fields become variables
 * {@code <connector>.<field>} (nested fields joined with dots). A lookup that fails or times out becomes a note on
 * the ticket, and an answer needing its fields is never sent automatically.
 */
@Component
class Connectors {

    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z0-9_.-]+)}");
    private static final int MAX_FIELDS = 200;

    /**
     * The outcome of one lookup.
     *
     * @param fields the answer's fields, flattened, when it succeeded
     * @param note   what went wrong, when it did not
     */
    record Outcome(Map<String, String> fields, @org.jspecify.annotations.Nullable Note note) {

        boolean succeeded() {
            return note == null;
        }
    }

    private final ServiceProperties properties;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    Connectors(ServiceProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    /** Asks every configured connector, in name order. */
    Map<String, Outcome> lookUp(Map<String, String> variables) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        properties.connectors().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> outcomes.put(entry.getKey(), lookUp(entry.getKey(), entry.getValue(), variables)));
        return outcomes;
    }

    Outcome lookUp(String name, ServiceProperties.Connector connector, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(connector.url());
        StringBuilder url = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null || value.isBlank()) {
                return failed(name, "lookup_skipped", "needs " + m.group(1) + ", which is unknown for this ticket");
            }
            m.appendReplacement(url, Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        }
        m.appendTail(url);
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString()))
                    .timeout(connector.timeout()).header("Accept", "application/json").GET();
            connector.headers().forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                return failed(name, "lookup_failed", "answered HTTP " + response.statusCode());
            }
            JsonNode body = json.readTree(response.body());
            Map<String, String> fields = new LinkedHashMap<>();
            flatten("", body, fields);
            return new Outcome(fields, null);
        } catch (HttpTimeoutException e) {
            return failed(name, "lookup_failed", "timed out after " + connector.timeout().toMillis() + " ms");
        } catch (JacksonException e) {
            return failed(name, "lookup_failed", "did not answer with JSON");
        } catch (IllegalArgumentException e) {
            return failed(name, "lookup_failed", "has an invalid URL: " + e.getMessage());
        } catch (java.io.IOException e) {
            return failed(name, "lookup_failed", "could not be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(name, "lookup_failed", "was interrupted");
        }
    }

    private static Outcome failed(String name, String kind, String detail) {
        return new Outcome(Map.of(), new Note(kind, name, detail));
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (out.size() >= MAX_FIELDS) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
            }
        } else if (node.isArray()) {
            List<JsonNode> elements = new java.util.ArrayList<>();
            node.forEach(elements::add);
            for (int i = 0; i < elements.size(); i++) {
                flatten(prefix + "." + i, elements.get(i), out);
            }
        } else if (!node.isNull() && !prefix.isEmpty()) {
            out.put(prefix, node.asString());
        }
    }
}
