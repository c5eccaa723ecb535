package io.lotse.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a test server over real HTTP, as tracking clients and operators do. */
public final class ServerClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public ServerClient(int port) {
        this.base = "http://localhost:" + port;
    }

    public String base() {
        return base;
    }

    /** A response with its body, parsed when it is JSON. */
    public record Response(int status, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** POSTs a tracking call with the test write key as HTTP Basic user. */
    public Response track(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", basic(LotseServerTest.WRITE_KEY))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Sends a request of the admin API with the test admin token. */
    public Response admin(String method, String path, String body) {
        HttpRequest.BodyPublisher publisher = body.isEmpty()
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + LotseServerTest.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, publisher).build());
    }

    public Response get(String path) {
        return admin("GET", path, "");
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A fresh id with a readable prefix, so that tests sharing one database never see each other's data. */
    public static String unique(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID();
    }

    /** POSTs a tracking call and fails the test unless it is accepted. */
    public void sendOk(String path, String body) {
        Response response = track(path, body);
        if (response.status() != 200) {
            throw new AssertionError("tracking call to " + path + " answered " + response.status() + ": "
                    + response.body());
        }
    }

    /** Looks a profile up by one identifier, e.g. {@code lookup("email", "ada@example.org")}. */
    public Response lookup(String param, String value) {
        return get("/api/v1/profiles?" + param + "="
                + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    /** Waits until the profile holding an identifier exists and satisfies {@code ready}; returns it. */
    public JsonNode awaitProfile(String param, String value, java.util.function.Predicate<JsonNode> ready) {
        return eventually(() -> {
            Response response = lookup(param, value);
            return response.status() == 200 && ready.test(response.json()) ? response.json() : null;
        });
    }

    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":").getBytes(StandardCharsets.UTF_8));
    }

    /** Polls until the supplier yields a non-null value; profiles are built asynchronously. */
    public static <T> T eventually(Supplier<T> attempt) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            T value = attempt.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
