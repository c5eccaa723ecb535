package io.lotse.server.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Segment request reader on its own, with a fixed clock so that every stamped time is known. */
class TrackingRequestReaderTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:10Z");

    private final TrackingRequestReader reader =
            new TrackingRequestReader(JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC));

    private TrackingRequest batch(String json) throws IOException {
        return read(json, null);
    }

    private TrackingRequest read(String json, @Nullable EventType type) throws IOException {
        return reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), false, type);
    }

    /** The JSON text that goes into the log, read back as PostgreSQL's jsonb does: the last of repeated keys wins. */
    private static JsonNode storedJson(TrackingRequest request, int index) {
        return JsonMapper.builder().build().readTree(request.stored().get(index).json());
    }

    private CollectedEvent onlyEvent(TrackingRequest request) {
        assertThat(request.rejected()).isEmpty();
        assertThat(request.accepted()).hasSize(1);
        return request.accepted().get(0);
    }

    @Nested
    class ClockSkew {

        @Test
        void timestampIsReceivedAtMinusTheClientsDelayBetweenEventAndSending() throws IOException {
            // the client's clock is 5 minutes ahead; it sent the event 6 minutes after it happened
            CollectedEvent event = onlyEvent(read("""
                    {"userId":"u1","event":"Clicked","originalTimestamp":"2024-05-01T12:09:00Z",
                     "sentAt":"2024-05-01T12:15:00Z"}""", EventType.TRACK));

            assertThat(event.receivedAt()).isEqualTo(NOW);
            assertThat(event.timestamp()).isEqualTo(Instant.parse("2024-05-01T11:54:10Z"));
            assertThat(event.payload().get("timestamp").stringValue()).isEqualTo("2024-05-01T11:54:10Z");
            assertThat(event.payload().get("receivedAt").stringValue()).isEqualTo("2024-05-01T12:00:10Z");
            assertThat(event.payload().get("originalTimestamp").stringValue()).isEqualTo("2024-05-01T12:09:00Z");
        }

        @Test
        void batchLevelSentAtCorrectsEveryEventThatHasNoneOfItsOwn() throws IOException {
            TrackingRequest request = batch("""
                    {"sentAt":"2024-05-01T10:00:00Z","batch":[
                      {"type":"track","userId":"u","event":"A","timestamp":"2024-05-01T09:59:00Z"},
                      {"type":"track","userId":"u","event":"B","timestamp":"2024-05-01T09:58:00Z",
                       "sentAt":"2024-05-01T09:58:30Z"}]}""");

            assertThat(request.accepted()).extracting(CollectedEvent::timestamp).containsExactly(
                    Instant.parse("2024-05-01T11:59:10Z"), Instant.parse("2024-05-01T11:59:40Z"));
        }

        @Test
        void timestampWithOffsetIsUnderstood() throws IOException {
            CollectedEvent event = onlyEvent(read("""
                    {"userId":"u","originalTimestamp":"2024-05-01T14:00:00+02:00",
                     "sentAt":"2024-05-01T14:00:10+02:00"}""", EventType.IDENTIFY));

            assertThat(event.timestamp()).isEqualTo(NOW.minusSeconds(10));
        }

        @Test
        void withoutSentAtTheClientTimestampIsKeptAsIs() throws IOException {
            CollectedEvent event = onlyEvent(read(
                    "{\"userId\":\"u\",\"timestamp\":\"2020-01-01T00:00:00Z\"}", EventType.IDENTIFY));

            assertThat(event.timestamp()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
            assertThat(event.receivedAt()).isEqualTo(NOW);
        }

        @Test
        void withoutAnyClientTimeTheEventHappenedWhenItWasReceived() throws IOException {
            CollectedEvent event = onlyEvent(read("{\"anonymousId\":\"a\"}", EventType.PAGE));

            assertThat(event.timestamp()).isEqualTo(NOW);
            assertThat(event.payload().get("timestamp").stringValue()).isEqualTo(NOW.toString());
        }
    }

    @Nested
    class BatchContext {

        @Test
        void isMergedDeeplyIntoEveryEventWithTheEventsOwnValuesWinning() throws IOException {
            TrackingRequest request = batch("""
                    {"context":{"ip":"10.0.0.1","library":{"name":"lib","version":"1.0"},
                                "page":{"url":"https://batch","title":"Batch"}},
                     "batch":[
                      {"type":"page","anonymousId":"a","context":{"page":{"url":"https://own"},"locale":"de-DE"}},
                      {"type":"page","anonymousId":"a"}]}""");

            assertThat(request.accepted()).hasSize(2);
            var first = request.accepted().get(0).payload().get("context");
            assertThat(first.get("ip").stringValue()).isEqualTo("10.0.0.1");
            assertThat(first.get("locale").stringValue()).isEqualTo("de-DE");
            assertThat(first.get("library").get("name").stringValue()).isEqualTo("lib");
            assertThat(first.get("page").get("url").stringValue()).isEqualTo("https://own");
            assertThat(first.get("page").get("title").stringValue()).isEqualTo("Batch");

            var second = request.accepted().get(1).payload().get("context");
            assertThat(second.get("page").get("url").stringValue())
                    .as("one event's values never leak into the next").isEqualTo("https://batch");
            assertThat(second.has("locale")).isFalse();
        }

        @Test
        void aContextThatIsNotAnObjectRejectsTheRequest() {
            assertThatThrownBy(() -> batch("{\"context\":[1],\"batch\":[{\"type\":\"page\",\"anonymousId\":\"a\"}]}"))
                    .isInstanceOf(InvalidTrackingRequestException.class)
                    .hasMessageContaining("'context' must be an object");
        }
    }

    @Nested
    class Identifiers {

        @Test
        void numericUserIdIsAcceptedAsString() throws IOException {
            CollectedEvent event = onlyEvent(read("{\"userId\":12345,\"anonymousId\":678}", EventType.IDENTIFY));

            assertThat(event.userId()).isEqualTo("12345");
            assertThat(event.anonymousId()).isEqualTo("678");
            assertThat(event.payload().get("userId").isString()).isTrue();
            assertThat(event.payload().get("userId").stringValue()).isEqualTo("12345");
        }

        @Test
        void blankUserIdCountsAsAbsent() throws IOException {
            CollectedEvent event = onlyEvent(read("{\"userId\":\"  \",\"anonymousId\":\"a\"}", EventType.PAGE));

            assertThat(event.userId()).isNull();
            assertThat(event.anonymousId()).isEqualTo("a");
        }

        @Test
        void missingMessageIdIsGenerated() throws IOException {
            CollectedEvent event = onlyEvent(read("{\"userId\":\"u\"}", EventType.IDENTIFY));

            assertThat(event.messageId()).isNotBlank();
            assertThat(event.payload().get("messageId").stringValue()).isEqualTo(event.messageId());
        }

        @Test
        void writeKeyInTheBodyIsReturnedButNotStored() throws IOException {
            TrackingRequest request = read("{\"writeKey\":\"wk_secret\",\"userId\":\"u\",\"event\":\"E\"}",
                    EventType.TRACK);

            assertThat(request.writeKey()).isEqualTo("wk_secret");
            assertThat(onlyEvent(request).payload().has("writeKey")).isFalse();
            assertThat(storedJson(request, 0).has("writeKey")).as("the secret is not stored").isFalse();
            assertThat(onlyEvent(request).type()).isEqualTo(EventType.TRACK);
            assertThat(onlyEvent(request).event()).isEqualTo("E");
        }
    }

    @Nested
    class Rejections {

        @Test
        void eachInvalidEventIsRejectedWithItsIndexAndReasonWhileValidOnesAreKept() throws IOException {
            String big = "x".repeat(SegmentLimits.MAX_EVENT_BYTES);
            TrackingRequest request = batch("{\"batch\":["
                    + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Ok\"},"                          // 0
                    + "{\"type\":\"track\",\"event\":\"No ids\"},"                                    // 1
                    + "{\"type\":\"track\",\"userId\":\"u\"},"                                        // 2
                    + "{\"type\":\"identify\",\"userId\":{\"id\":1}},"                                // 3
                    + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"properties\":[1,2]},"   // 4
                    + "{\"type\":\"page\",\"userId\":\"u\",\"messageId\":\"" + "m".repeat(101) + "\"}," // 5
                    + "{\"type\":\"page\",\"userId\":\"u\",\"timestamp\":\"yesterday\"},"             // 6
                    + "{\"userId\":\"u\"},"                                                           // 7
                    + "{\"type\":\"purchase\",\"userId\":\"u\"},"                                     // 8
                    + "42,"                                                                           // 9
                    + "{\"type\":\"group\",\"userId\":\"u\"},"                                        // 10
                    + "{\"type\":\"alias\",\"userId\":\"u\"},"                                        // 11
                    + "{\"type\":\"page\",\"userId\":\"u\",\"name\":\"" + big + "\"},"                // 12
                    + "{\"type\":\"identify\",\"anonymousId\":[\"a\"]},"                              // 13
                    + "{\"type\":\"page\",\"userId\":\"u\",\"messageId\":7},"                         // 14
                    + "{\"type\":\"page\",\"anonymousId\":\"a\"}"                                     // 15
                    + "]}");

            assertThat(request.accepted()).hasSize(2);
            assertThat(request.accepted()).extracting(CollectedEvent::type)
                    .containsExactly(EventType.TRACK, EventType.PAGE);
            assertThat(request.rejected()).containsExactly(
                    new Rejection(1, "'userId' or 'anonymousId' is required"),
                    new Rejection(2, "a track call needs 'event', the name of the action"),
                    new Rejection(3, "'userId' must be a string"),
                    new Rejection(4, "'properties' must be an object"),
                    new Rejection(5, "'messageId' is longer than 100 characters"),
                    new Rejection(6, "'timestamp' is not an ISO-8601 date-time"),
                    new Rejection(7, "'type' is required: identify, track, page, screen, group or alias"),
                    new Rejection(8, "unknown type 'purchase'"),
                    new Rejection(9, "event must be a JSON object"),
                    new Rejection(10, "a group call needs 'groupId'"),
                    new Rejection(11, "an alias call needs 'previousId'"),
                    new Rejection(12, "event is larger than 32 KB"),
                    new Rejection(13, "'anonymousId' must be a string"),
                    new Rejection(14, "'messageId' must be a non-empty string"));
        }

        @Test
        void aMessageIdOfExactly100CharactersIsAccepted() throws IOException {
            String id = "m".repeat(SegmentLimits.MAX_MESSAGE_ID_LENGTH);
            CollectedEvent event = onlyEvent(read("{\"userId\":\"u\",\"messageId\":\"" + id + "\"}", EventType.PAGE));

            assertThat(event.messageId()).isEqualTo(id);
        }

        @Test
        void badSentAtIsReportedAsSuch() throws IOException {
            TrackingRequest request = batch("""
                    {"batch":[{"type":"page","anonymousId":"a"},
                              {"type":"page","anonymousId":"a","sentAt":"soon"}]}""");

            assertThat(request.rejected()).containsExactly(new Rejection(1, "'sentAt' is not an ISO-8601 date-time"));
        }

        @Test
        void anInvalidSingleCallRejectsTheRequest() {
            assertThatThrownBy(() -> read("{\"userId\":\"u\"}", EventType.TRACK))
                    .isInstanceOf(InvalidTrackingRequestException.class)
                    .hasMessage("a track call needs 'event', the name of the action")
                    .satisfies(e -> assertThat(((InvalidTrackingRequestException) e).rejected())
                            .containsExactly(new Rejection(0, "a track call needs 'event', the name of the action")));
        }

        @Test
        void aBatchWithoutAnyValidEventRejectsTheRequestListingEveryReason() {
            assertThatThrownBy(() -> batch("{\"batch\":[{\"type\":\"page\"},{\"type\":\"track\",\"userId\":\"u\"}]}"))
                    .isInstanceOf(InvalidTrackingRequestException.class)
                    .hasMessage("no event of the batch is valid")
                    .satisfies(e -> assertThat(((InvalidTrackingRequestException) e).rejected()).hasSize(2));
        }
    }

    @Nested
    class WholeRequest {

        @Test
        void invalidJsonIsRejected() {
            assertThatThrownBy(() -> batch("{\"batch\":[{\"type\":"))
                    .isInstanceOf(InvalidTrackingRequestException.class)
                    .hasMessageStartingWith("the body is not valid JSON");
            assertThatThrownBy(() -> read("{not json", EventType.TRACK))
                    .isInstanceOf(InvalidTrackingRequestException.class)
                    .hasMessageStartingWith("the body is not valid JSON");
        }

        @Test
        void aBatchNeedsABatchArray() {
            assertThatThrownBy(() -> batch("{\"events\":[]}")).hasMessage("the body has no 'batch' array");
            assertThatThrownBy(() -> batch("{\"batch\":{}}")).hasMessage("'batch' must be an array of events");
            assertThatThrownBy(() -> batch("[]")).hasMessageContaining("must be a JSON object");
        }

        @Test
        void anEmptyBodyIsRejected() {
            assertThatThrownBy(() -> batch("")).hasMessage("the request body is empty");
        }

        @Test
        void moreThan2500EventsAreRejected() throws IOException {
            assertThat(batch(events(SegmentLimits.MAX_BATCH_EVENTS)).accepted()).hasSize(2_500);
            assertThatThrownBy(() -> batch(events(SegmentLimits.MAX_BATCH_EVENTS + 1)))
                    .isInstanceOf(InvalidTrackingRequestException.class)
                    .hasMessageContaining("at most 2,500 events");
        }

        @Test
        void requestsOver500KbAreRejected() {
            String padding = "p".repeat(SegmentLimits.MAX_REQUEST_BYTES);
            assertThatThrownBy(() -> batch("{\"batch\":[],\"padding\":\"" + padding + "\"}"))
                    .isInstanceOf(InvalidTrackingRequestException.class)
                    .hasMessageContaining("larger than 500 KB");
        }

        @Test
        void gzipBodiesAreDecompressed() throws IOException {
            byte[] body = gzip("{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Zipped\"}]}");

            TrackingRequest request = reader.read(new ByteArrayInputStream(body), true, null);

            assertThat(onlyEvent(request).event()).isEqualTo("Zipped");
        }

        @Test
        void aBodyDeclaredAsGzipThatIsNotIsRejected() {
            byte[] plain = "{\"batch\":[]}".getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(plain), true, null))
                    .isInstanceOf(InvalidTrackingRequestException.class)
                    .hasMessageContaining("gzip");
        }

        private static String events(int count) {
            List<String> items = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                items.add("{\"type\":\"page\",\"anonymousId\":\"a\"}");
            }
            return "{\"batch\":[" + String.join(",", items) + "]}";
        }
    }

    @Nested
    class StoredForm {

        @Test
        void theStoredJsonIsTheEventWithItsNormalisedFieldsWinning() throws IOException {
            TrackingRequest request = batch("""
                    {"context":{"ip":"10.0.0.1"},"batch":[ {"type":"TRACK","userId":42,"event":"Nested",
                       "properties":{"cart":{"items":[{"sku":"a"}]}},"context":{"locale":"de"} } ,
                      {"type":"page","anonymousId":"a"}
                    ]}""");

            JsonNode first = storedJson(request, 0);
            assertThat(first.path("type").stringValue()).isEqualTo("track");
            assertThat(first.path("userId").stringValue()).isEqualTo("42");
            assertThat(first.path("properties").path("cart").path("items").get(0).path("sku").stringValue())
                    .isEqualTo("a");
            assertThat(first.path("context").path("ip").stringValue()).isEqualTo("10.0.0.1");
            assertThat(first.path("context").path("locale").stringValue()).isEqualTo("de");
            assertThat(first.path("receivedAt").stringValue()).isEqualTo(NOW.toString());
            assertThat(storedJson(request, 1).path("messageId").stringValue())
                    .isEqualTo(request.accepted().get(1).messageId());
        }

        @Test
        void aByteOrderMarkBeforeTheBodyIsIgnored() throws IOException {
            TrackingRequest single = reader.read(new ByteArrayInputStream(bytes(BOM,
                    "{\"userId\":\"u\",\"event\":\"Marked\"}")), false, EventType.TRACK);
            TrackingRequest batch = reader.read(new ByteArrayInputStream(bytes(BOM,
                    "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Marked\"}]}")), false, null);

            for (TrackingRequest request : List.of(single, batch)) {
                assertThat(onlyEvent(request).event()).isEqualTo("Marked");
                assertThat(storedJson(request, 0).path("event").stringValue()).isEqualTo("Marked");
                assertThat(request.stored().get(0).json()[0]).isEqualTo((byte) '{');
            }
        }
    }

    @Nested
    class Unstorable {

        private String reasonFor(byte[] json) {
            return TrackingRequestReader.unstorable(json, 0, json.length);
        }

        private String reasonFor(String json) {
            return reasonFor(json.getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void theEscapedNulCharacterIsUnstorable() {
            assertThat(reasonFor("{\"a\":\"x\\u0000y\"}")).contains("\\u0000");
            assertThat(reasonFor("{\"a\\u0000\":1}")).contains("\\u0000");
        }

        @Test
        void anEscapedBackslashFollowedByU0000IsJustText() {
            assertThat(reasonFor("{\"a\":\"C:\\\\u0000\"}")).isNull();
            assertThat(reasonFor("{\"a\":\"\\\"\\u0041\\n\"}")).isNull();
        }

        @Test
        void unpairedSurrogateEscapesAreUnstorable() {
            assertThat(reasonFor("{\"a\":\"\\ud83d\"}")).contains("surrogate");
            assertThat(reasonFor("{\"a\":\"\\uD83Dx\"}")).contains("surrogate");
            assertThat(reasonFor("{\"a\":\"\\ude00\"}")).contains("surrogate");
            assertThat(reasonFor("{\"a\":\"\\ud83d\\u0041\"}")).contains("surrogate");
            assertThat(reasonFor("{\"a\":\"\\ud83d\\ude00 \\uD83D\\uDE00\"}")).isNull();
        }

        @Test
        void utf8ThatJacksonToleratesButPostgresqlRefusesIsUnstorable() {
            assertThat(reasonFor(bytes("{\"a\":\"", new byte[] {(byte) 0xC0, (byte) 0x80}, "\"}")))
                    .as("overlong NUL").contains("UTF-8");
            assertThat(reasonFor(bytes("{\"a\":\"", new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, "\"}")))
                    .as("overlong slash").contains("UTF-8");
            assertThat(reasonFor(bytes("{\"a\":\"", new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                    "\"}"))).as("above U+10FFFF").contains("UTF-8");
            assertThat(reasonFor("{\"a\":\"Grüße 👋 ✓\"}")).isNull();
        }

        @Test
        void numbersTooLongWhenWrittenOutInFullAreUnstorable() {
            // jsonb writes numbers without exponent; Jackson reads at most 1,000 digits back
            assertThat(reasonFor("{\"n\":1e1000000}")).contains("number");
            assertThat(reasonFor("{\"n\":1e1000}")).contains("number");
            assertThat(reasonFor("{\"n\":-2.5E-1001}")).contains("number");
            assertThat(reasonFor("{\"n\":[1,1e+998]}")).contains("number");
            assertThat(reasonFor("{\"n\":0." + "1".repeat(500) + "e-500}")).contains("number");
        }

        @Test
        void ordinaryAndLargeButStorableNumbersAreFine() {
            assertThat(reasonFor("{\"n\":-12.5e+3,\"m\":0,\"k\":[1,2.0,3E-5],\"t\":true,\"z\":null}")).isNull();
            assertThat(reasonFor("{\"max\":1.7976931348623157E308,\"min\":4.9E-324,\"big\":1e989}")).isNull();
            assertThat(reasonFor("{\"n\":0." + "1".repeat(989) + "}")).isNull();
            assertThat(reasonFor("{\"text\":\"1e1000000 \\\" 1e1000000\",\"1e9999999\":1}"))
                    .as("digits inside strings are text").isNull();
        }

        @Test
        void anUnstorableEventIsRejectedOnItsOwn() throws IOException {
            TrackingRequest request = reader.read(new ByteArrayInputStream(bytes(
                    "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Nul\",\"properties\":"
                            + "{\"a\":\"\\u0000\"}},{\"type\":\"page\",\"userId\":\"u\",\"name\":\"",
                    new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"},{\"type\":\"page\",\"userId\":\"u\"}]}")),
                    false, null);

            assertThat(request.accepted()).hasSize(1);
            assertThat(request.rejected()).extracting(Rejection::index).containsExactly(0, 1);
        }

        @Test
        void anUnstorableBatchContextRejectsTheRequest() {
            assertThatThrownBy(() -> batch("{\"context\":{\"ip\":\"\\u0000\"},"
                    + "\"batch\":[{\"type\":\"page\",\"anonymousId\":\"a\"}]}"))
                    .isInstanceOf(InvalidTrackingRequestException.class)
                    .hasMessageContaining("the batch 'context' cannot be stored");
        }
    }

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] raw ? raw : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
