package io.lotse.server.engage;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** One event that no handler can get through must not hold up engage's reading of everything after it. */
@LotseServerTest
@Import(EngageLogFailureTest.Handlers.class)
class EngageLogFailureTest {

    static final List<String> HANDLED = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class Handlers {

        /** Fails on every "Poison Taken" event, records every "Antidote Taken" one. */
        @Bean
        EngageLog.LoggedEventHandler failsOnPoison() {
            return new EngageLog.LoggedEventHandler() {
                @Override
                public Set<String> trackedEvents() {
                    return Set.of("Poison Taken", "Antidote Taken");
                }

                @Override
                public void handle(List<EngageLog.Event> events) {
                    for (EngageLog.Event event : events) {
                        if (event.event().equals("Poison Taken")) {
                            throw new IllegalStateException("this handler cannot take event " + event.seq());
                        }
                    }
                    events.forEach(event -> HANDLED.add(event.event() + " n="
                            + JsonMapper.builder().build().readTree(event.properties()).path("n").asInt()));
                }
            };
        }
    }

    @DynamicPropertySource
    static void ownDatabaseAndShortPauses(DynamicPropertyRegistry registry) {
        registry.add("lotse.data-dir", () -> "target/test-data-engage-log-failure");
        registry.add("lotse.engage.log-retry-pause", () -> "20ms");
    }

    @LocalServerPort
    int port;

    @Test
    void anEventThatAlwaysFailsIsSkippedAfterThreeTriesOnItsOwnAndTheEventsAroundItAreHandled() {
        ServerClient client = new ServerClient(port);
        String userId = ServerClient.unique("poisoned");
        client.sendOk("/v1/batch", """
                {"batch":[
                 {"type":"track","userId":"%1$s","event":"Antidote Taken","properties":{"n":1}},
                 {"type":"track","userId":"%1$s","event":"Poison Taken","properties":{"n":2}},
                 {"type":"track","userId":"%1$s","event":"Antidote Taken","properties":{"n":3}}]}"""
                .formatted(userId));

        ServerClient.eventually(() -> HANDLED.size() >= 2 ? true : null);
        assertThat(HANDLED).containsExactly("Antidote Taken n=1", "Antidote Taken n=3");
    }
}
