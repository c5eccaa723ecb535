package io.lotse.server.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Segment's official Java library, pointed only at Lotse's host, delivers events that end up on the profile. */
@LotseServerTest
class SegmentJavaClientTest {

    @LocalServerPort
    int port;

    @Test
    void identifyTrackAndPageFromTheOfficialJavaClientReachTheProfile() {
        String userId = "java-client-" + UUID.randomUUID();
        String email = userId + "@example.org";
        List<Message> delivered = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<String> clientLog = Collections.synchronizedList(new ArrayList<>());

        Analytics analytics = Analytics.builder(LotseServerTest.WRITE_KEY)
                .endpoint("http://localhost:" + port)
                .flushQueueSize(3)
                .flushInterval(10, TimeUnit.SECONDS)
                .retries(1)
                .log(new com.segment.analytics.Log() {
                    @Override
                    public void print(Level level, String format, Object... args) {
                        clientLog.add(level + " " + String.format(format, args));
                    }

                    @Override
                    public void print(Level level, Throwable error, String format, Object... args) {
                        clientLog.add(level + " " + String.format(format, args) + " " + error);
                    }
                })
                .callback(new Callback() {
                    @Override
                    public void success(Message message) {
                        delivered.add(message);
                    }

                    @Override
                    public void failure(Message message, Throwable throwable) {
                        failures.add(throwable);
                    }
                })
                .build();
        try {
            analytics.enqueue(IdentifyMessage.builder().userId(userId)
                    .traits(Map.of("name", "Grace Hopper", "email", email, "plan", "pro")));
            analytics.enqueue(TrackMessage.builder("Order Completed").userId(userId)
                    .properties(Map.of("orderId", "o-1", "revenue", 42.5)));
            analytics.enqueue(PageMessage.builder("Pricing").userId(userId)
                    .properties(Map.of("path", "/pricing")));
            analytics.flush();
        } finally {
            analytics.shutdown();
        }

        ServerClient.eventually(() -> delivered.size() + failures.size() == 3 ? true : null);
        assertThat(failures).as("client log: %s", clientLog).isEmpty();
        assertThat(delivered).hasSize(3);

        ServerClient client = new ServerClient(port);
        JsonNode profile = ServerClient.eventually(() -> {
            var response = client.get("/api/v1/profiles?userId=" + userId);
            return response.status() == 200 && response.json().path("stats").path("events").asLong() >= 3
                    ? response.json() : null;
        });
        assertThat(profile.path("traits").path("name").asString()).isEqualTo("Grace Hopper");
        assertThat(profile.path("traits").path("plan").asString()).isEqualTo("pro");
        assertThat(profile.path("stats").path("orders").asInt()).isEqualTo(1);
        assertThat(profile.path("stats").path("revenue").decimalValue()).isEqualByComparingTo("42.5");
        assertThat(client.get("/api/v1/profiles?email=" + email).json().path("id").asLong())
                .isEqualTo(profile.path("id").asLong());

        JsonNode events = client.get("/api/v1/profiles/" + profile.path("id").asLong() + "/events").json();
        List<String> types = new ArrayList<>();
        events.path("events").forEach(e -> types.add(e.path("type").asString() + ":" + e.path("name").asString("")));
        // Lotse may by now have recorded a lead-lifecycle stage the order reached; the client's calls are the rest.
        types.remove("track:Lifecycle Stage Changed");
        assertThat(types).containsExactlyInAnyOrder("identify:", "track:Order Completed", "page:Pricing");
        events.path("events").forEach(e -> {
            if (e.path("name").asString("").equals("Lifecycle Stage Changed")) {
                return;
            }
            assertThat(e.path("payload").path("context").path("library").path("name").asString())
                    .isEqualTo("analytics-java");
            assertThat(e.path("payload").path("receivedAt").isString()).isTrue();
        });
    }
}
