package io.lotse.server.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the log's followers read from memory is what they would read from the database, also for messages of odd
 * shapes: ids and consents where they should not be, numbers for texts, nested nulls, sub-microsecond times.
 */
@LotseServerTest
class RecentAppendsAgreementTest {

    @LocalServerPort
    int port;

    @Autowired
    EventLog eventLog;

    @Autowired
    EventLogWriter writer;

    @Autowired
    JsonMapper json;

    @Test
    void theProfileFieldsOfJustAppendedEventsMatchTheDatabaseFieldForField() {
        String user = ServerClient.unique("agree");
        long before = eventLog.head();
        ServerClient.Response sent = new ServerClient(port).track("/v1/batch", """
                {"batch":[
                 {"type":"identify","userId":"%1$s","traits":{"email":"A@Example.org","consent":{"email":true},"n":null},
                  "context":{"traits":{"phone":4930123456,"consent":null},"device":{"id":77},
                             "externalIds":[{"id":"c-1","type":"crm"}],"consent":{"categoryPreferences":{"Ads":false}}},
                  "timestamp":"2026-11-20T10:00:00.1234565Z"},
                 {"type":"track","userId":"%1$s","event":"Order Completed",
                  "properties":{"revenue":"19.90","total":null,"category":"Shoes","products":[{"sku":"x"}]},
                  "traits":{"consent":{"analytics":true}},"context":{"traits":"odd","device":[]}},
                 {"type":"track","anonymousId":"%1$s-a","event":"Product Viewed","properties":{"category":7}},
                 {"type":"page","anonymousId":"%1$s-a","name":"Home","properties":{"revenue":5},"context":{"consent":7}},
                 {"type":"alias","userId":"%1$s","previousId":"%1$s-a"},
                 {"type":"group","userId":"%1$s","groupId":"g-1","traits":{"consent":null}}]}""".formatted(user));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.body()).as("every event accepted").contains("\"accepted\":6");

        List<LoggedEvent> fromMemory = eventLog.readProfileFieldsAfter(before, 100);
        List<LoggedEvent> fromDatabase = eventLog.readProfileFieldsFromDatabase(before, 100);

        assertThat(writer.recent().after(before, 100)).as("answered from memory").isNotNull();
        assertThat(fromMemory).hasSameSizeAs(fromDatabase).hasSize(6);
        for (int i = 0; i < fromMemory.size(); i++) {
            LoggedEvent memory = fromMemory.get(i);
            LoggedEvent database = fromDatabase.get(i);
            assertThat(memory.seq()).isEqualTo(database.seq());
            assertThat(memory.messageId()).isEqualTo(database.messageId());
            assertThat(memory.type()).isEqualTo(database.type());
            assertThat(memory.event()).isEqualTo(database.event());
            assertThat(memory.userId()).isEqualTo(database.userId());
            assertThat(memory.anonymousId()).isEqualTo(database.anonymousId());
            assertThat(memory.timestamp()).isEqualTo(database.timestamp());
            assertThat(memory.receivedAt()).isEqualTo(database.receivedAt());
            assertThat(withoutProperties(memory.payload())).as("event %d", i)
                    .isEqualTo(withoutProperties(database.payload()));
            // In memory a track event keeps all its properties; of those the profile reads these three, where a
            // null counts as absent and a category only as text.
            for (String field : List.of("revenue", "total")) {
                assertThat(valueOrMissing(memory.payload().path("properties").path(field)))
                        .as("event %d properties.%s", i, field)
                        .isEqualTo(valueOrMissing(database.payload().path("properties").path(field)));
            }
            assertThat(textOrEmpty(memory.payload().path("properties").path("category")))
                    .as("event %d properties.category", i)
                    .isEqualTo(textOrEmpty(database.payload().path("properties").path("category")));
        }
    }

    @Test
    void trackEventsForFollowersMatchTheDatabase() {
        String user = ServerClient.unique("agree-track");
        long before = eventLog.head();
        new ServerClient(port).sendOk("/v1/batch", """
                {"batch":[
                 {"type":"track","userId":"%1$s","event":"Order Completed","properties":{"revenue":12.5}},
                 {"type":"track","userId":"%1$s","event":"Form Submitted"},
                 {"type":"track","userId":"%1$s","event":"Ignored"}]}""".formatted(user));
        long upTo = eventLog.head();
        Set<String> names = Set.of("Order Completed", "Form Submitted");

        List<TrackedEvent> fromMemory = eventLog.trackEventsBetween(before, upTo, names);

        assertThat(writer.recent().trackEventsBetween(before, upTo, names)).as("answered from memory").isNotNull();
        assertThat(fromMemory).extracting(TrackedEvent::event).containsExactly("Order Completed", "Form Submitted");
        assertThat(json.readTree(fromMemory.get(0).properties()).path("revenue").decimalValue())
                .isEqualByComparingTo("12.5");
        assertThat(fromMemory.get(1).properties()).isEqualTo("{}");
    }

    @Test
    void eventsDeletedForAnErasureAreNotReadBackFromMemory() {
        String user = ServerClient.unique("erased");
        long before = eventLog.head();
        new ServerClient(port).sendOk("/v1/track", """
                {"userId":"%s","event":"Order Completed","properties":{"revenue":5}}""".formatted(user));

        eventLog.deleteEventsOf(List.of(user), List.of());

        assertThat(eventLog.readProfileFieldsAfter(before, 100)).extracting(LoggedEvent::userId).doesNotContain(user);
        assertThat(eventLog.trackEventsBetween(before, eventLog.head(), Set.of("Order Completed")))
                .extracting(TrackedEvent::userId).doesNotContain(user);
    }

    private static String textOrEmpty(JsonNode node) {
        return node.isString() ? node.stringValue() : "";
    }

    private JsonNode valueOrMissing(JsonNode node) {
        return node.isNull() ? json.missingNode() : node;
    }

    private static JsonNode withoutProperties(JsonNode payload) {
        ObjectNode copy = ((ObjectNode) payload).deepCopy();
        copy.remove("properties");
        return copy;
    }
}
