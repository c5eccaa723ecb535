package io.lotse.server.collect;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads Segment tracking requests: single calls ({@code /v1/track} ...) and batches ({@code /v1/batch},
 * {@code /v1/import}), sent as JSON, as {@code text/plain} by browsers, optionally gzip-compressed.
 *
 * <p>Each event is checked on its own: an invalid event is rejected with its index and reason while the valid
 * events of the same batch are kept. Batch-level {@code context} is merged into every event (the event's own
 * values win), {@code receivedAt} is stamped, and the event time is corrected for the client's clock skew as
 * Segment does: {@code timestamp = receivedAt - (sentAt - originalTimestamp)}.
 */
@Component
class TrackingRequestReader {

    private static final List<String> OBJECT_FIELDS = List.of("context", "integrations", "traits", "properties");

    private final JsonMapper json;
    /**
     * Reads numbers with a fraction or exponent as decimals: exactly what the log stores, so that the followers
     * reading an event from memory see the same {@code 19.90} or {@code 1e400} as those reading it back from the
     * database (a double would round the one and overflow on the other).
     */
    private final ObjectReader exactNumbers;
    private final Clock clock;

    @Autowired
    TrackingRequestReader(JsonMapper json) {
        this(json, Clock.systemUTC());
    }

    TrackingRequestReader(JsonMapper json, Clock clock) {
        this.json = json;
        this.exactNumbers = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.clock = clock;
    }

    /**
     * Reads a request body.
     *
     * @param body         the raw body
     * @param gzip         whether the body is gzip-compressed
     * @param impliedType  the call type of a single-event endpoint, or {@code null} for a batch
     * @throws InvalidTrackingRequestException when the request as a whole is unusable
     */
    TrackingRequest read(InputStream body, boolean gzip, @Nullable EventType impliedType) throws IOException {
        byte[] bytes = readLimited(body, gzip);
        Instant receivedAt = clock.instant();
        return impliedType == null ? readBatch(bytes, receivedAt) : readSingle(bytes, impliedType, receivedAt);
    }

    private static byte[] readLimited(InputStream body, boolean gzip) throws IOException {
        byte[] bytes;
        // GZIPInputStream reads the header in its constructor, so a body that is not gzip fails right there
        try (InputStream in = gzip ? new GZIPInputStream(body) : body) {
            bytes = in.readNBytes(SegmentLimits.MAX_REQUEST_BYTES + 1);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new InvalidTrackingRequestException("the body is declared as gzip but is not valid gzip");
        }
        if (bytes.length > SegmentLimits.MAX_REQUEST_BYTES) {
            throw new InvalidTrackingRequestException("the request is larger than 500 KB; send smaller batches");
        }
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            // a UTF-8 byte order mark: Jackson skips it, but its byte offsets then no longer match the body, and
            // PostgreSQL does not take it as part of a JSON value
            bytes = java.util.Arrays.copyOfRange(bytes, 3, bytes.length);
        }
        if (bytes.length == 0) {
            throw new InvalidTrackingRequestException("the request body is empty");
        }
        return bytes;
    }

    private TrackingRequest readSingle(byte[] bytes, EventType type, Instant receivedAt) {
        JsonNode root = parse(bytes);
        if (!root.isObject()) {
            throw new InvalidTrackingRequestException("the body must be a JSON object");
        }
        ObjectNode message = (ObjectNode) root;
        String writeKey = textOrNull(message.get("writeKey"));
        var result = toEvent(message, bytes, 0, bytes.length, 0, type, null, null, receivedAt);
        if (result instanceof Rejection rejection) {
            throw new InvalidTrackingRequestException(rejection.reason(), List.of(rejection));
        }
        return new TrackingRequest(writeKey, List.of((StoredEvent) result), List.of());
    }

    private TrackingRequest readBatch(byte[] bytes, Instant receivedAt) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        List<ObjectNode> items = new ArrayList<>();
        List<long[]> ranges = new ArrayList<>();
        List<Integer> nonObjects = new ArrayList<>();
        boolean sawBatch = false;
        try (JsonParser parser = exactNumbers.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidTrackingRequestException("the body must be a JSON object with a 'batch' array");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("batch".equals(name)) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new InvalidTrackingRequestException("'batch' must be an array of events");
                    }
                    sawBatch = true;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        if (items.size() + nonObjects.size() >= SegmentLimits.MAX_BATCH_EVENTS) {
                            throw new InvalidTrackingRequestException(
                                    "a batch holds at most 2,500 events; split it into several requests");
                        }
                        long start = parser.currentTokenLocation().getByteOffset();
                        JsonNode item = parser.readValueAsTree();
                        long end = parser.currentLocation().getByteOffset();
                        if (item instanceof ObjectNode object) {
                            items.add(object);
                            ranges.add(new long[] {start, end});
                        } else {
                            nonObjects.add(items.size() + nonObjects.size());
                            items.add(null);
                            ranges.add(new long[] {0, 0});
                        }
                    }
                } else {
                    envelope.set(name, parser.readValueAsTree());
                }
            }
            if (parser.nextToken() != null) {
                throw new InvalidTrackingRequestException("unexpected content after the JSON object");
            }
        } catch (JacksonException e) {
            throw new InvalidTrackingRequestException("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!sawBatch) {
            throw new InvalidTrackingRequestException("the body has no 'batch' array");
        }
        JsonNode batchContext = envelope.get("context");
        if (batchContext != null && !batchContext.isObject() && !batchContext.isNull()) {
            throw new InvalidTrackingRequestException("the batch 'context' must be an object");
        }
        if (batchContext instanceof ObjectNode) {
            // merged into every event, so it must be storable too
            String unstorable;
            try {
                byte[] context = json.writeValueAsBytes(batchContext);
                unstorable = unstorable(context, 0, context.length);
            } catch (JacksonException e) {
                unstorable = e.getOriginalMessage();
            }
            if (unstorable != null) {
                throw new InvalidTrackingRequestException("the batch 'context' cannot be stored: " + unstorable);
            }
        }
        String batchSentAtText = textOrNull(envelope.get("sentAt"));
        Instant batchSentAt;
        try {
            batchSentAt = batchSentAtText == null ? null : parseInstant(batchSentAtText);
        } catch (DateTimeParseException e) {
            throw new InvalidTrackingRequestException("the batch 'sentAt' is not an ISO-8601 date-time");
        }
        List<StoredEvent> accepted = new ArrayList<>(items.size());
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ObjectNode item = items.get(i);
            Object result = item == null
                    ? new Rejection(i, "event must be a JSON object")
                    : toEvent(item, bytes, (int) ranges.get(i)[0], (int) ranges.get(i)[1], i, null,
                            (ObjectNode) batchContext, batchSentAt, receivedAt);
            if (result instanceof StoredEvent event) {
                accepted.add(event);
            } else {
                rejected.add((Rejection) result);
            }
        }
        if (accepted.isEmpty() && !rejected.isEmpty()) {
            throw new InvalidTrackingRequestException("no event of the batch is valid", rejected);
        }
        return new TrackingRequest(textOrNull(envelope.get("writeKey")), accepted, rejected);
    }

    private JsonNode parse(byte[] bytes) {
        try {
            return exactNumbers.readTree(bytes);
        } catch (JacksonException e) {
            throw new InvalidTrackingRequestException("the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Validates and normalises one event; returns a {@link StoredEvent} or a {@link Rejection}.
     *
     * <p>The stored JSON is the event's own bytes from the request with the normalised fields appended: for a
     * repeated key {@code jsonb} keeps the last value, so re-serialising the whole event is not needed.
     */
    private Object toEvent(ObjectNode message, byte[] body, int start, int end, int index,
                           @Nullable EventType impliedType,
                           @Nullable ObjectNode batchContext, @Nullable Instant batchSentAt, Instant receivedAt) {
        if (end - start > SegmentLimits.MAX_EVENT_BYTES) {
            return new Rejection(index, "event is larger than 32 KB");
        }
        String unstorable = unstorable(body, start, end);
        if (unstorable != null) {
            return new Rejection(index, unstorable);
        }
        EventType type = impliedType;
        if (type == null) {
            JsonNode typeNode = message.get("type");
            if (typeNode == null || !typeNode.isString()) {
                return new Rejection(index, "'type' is required: identify, track, page, screen, group or alias");
            }
            Optional<EventType> parsed = EventType.fromWire(typeNode.stringValue());
            if (parsed.isEmpty()) {
                return new Rejection(index, "unknown type '" + typeNode.stringValue() + "'");
            }
            type = parsed.get();
        }
        for (String field : OBJECT_FIELDS) {
            JsonNode value = message.get(field);
            if (value != null && !value.isObject() && !value.isNull()) {
                return new Rejection(index, "'" + field + "' must be an object");
            }
        }
        Id userId = id(message, "userId");
        Id anonymousId = id(message, "anonymousId");
        if (userId.invalid() || anonymousId.invalid()) {
            return new Rejection(index, (userId.invalid() ? "'userId'" : "'anonymousId'") + " must be a string");
        }
        if (userId.value() == null && anonymousId.value() == null) {
            return new Rejection(index, "'userId' or 'anonymousId' is required");
        }
        JsonNode messageIdNode = message.get("messageId");
        String messageId;
        if (messageIdNode == null || messageIdNode.isNull()) {
            messageId = UUID.randomUUID().toString();
        } else if (!messageIdNode.isString() || messageIdNode.stringValue().isBlank()) {
            return new Rejection(index, "'messageId' must be a non-empty string");
        } else if (messageIdNode.stringValue().length() > SegmentLimits.MAX_MESSAGE_ID_LENGTH) {
            return new Rejection(index, "'messageId' is longer than 100 characters");
        } else {
            messageId = messageIdNode.stringValue();
        }
        String name = null;
        switch (type) {
            case TRACK -> {
                JsonNode event = message.get("event");
                if (event == null || !event.isString() || event.stringValue().isBlank()) {
                    return new Rejection(index, "a track call needs 'event', the name of the action");
                }
                name = event.stringValue();
            }
            case PAGE, SCREEN -> {
                JsonNode pageName = message.get("name");
                if (pageName != null && !pageName.isNull() && !pageName.isString()) {
                    return new Rejection(index, "'name' must be a string");
                }
                name = pageName == null || pageName.isNull() ? null : pageName.stringValue();
            }
            case GROUP -> {
                Id groupId = id(message, "groupId");
                if (groupId.invalid() || groupId.value() == null) {
                    return new Rejection(index, "a group call needs 'groupId'");
                }
                message.put("groupId", groupId.value());
            }
            case ALIAS -> {
                Id previousId = id(message, "previousId");
                if (previousId.invalid() || previousId.value() == null) {
                    return new Rejection(index, "an alias call needs 'previousId'");
                }
                message.put("previousId", previousId.value());
            }
            case IDENTIFY -> { }
        }
        Instant original;
        Instant sentAt;
        try {
            original = instant(message, "originalTimestamp");
            if (original == null) {
                original = instant(message, "timestamp");
            }
            sentAt = instant(message, "sentAt");
            if (sentAt == null) {
                sentAt = batchSentAt;
            }
        } catch (InvalidTimestamp e) {
            return new Rejection(index, "'" + e.field + "' is not an ISO-8601 date-time");
        }
        Instant timestamp = original == null ? receivedAt
                : sentAt == null ? original
                : receivedAt.minus(Duration.between(original, sentAt));

        // The write key is a secret and must not reach the log; events that carry it (the browser library puts
        // it in every call) are serialised whole instead of spliced.
        boolean carriesWriteKey = message.remove("writeKey") != null;
        ObjectNode normalised = JsonNodeFactory.instance.objectNode();
        normalised.put("type", type.wireName());
        normalised.put("messageId", messageId);
        if (userId.value() != null) {
            normalised.put("userId", userId.value());
        }
        if (anonymousId.value() != null) {
            normalised.put("anonymousId", anonymousId.value());
        }
        if (type == EventType.GROUP || type == EventType.ALIAS) {
            String idField = type == EventType.GROUP ? "groupId" : "previousId";
            normalised.set(idField, message.get(idField));
        }
        if (batchContext != null) {
            normalised.set("context", mergeContext(batchContext, message.get("context")));
        }
        if (original != null) {
            normalised.put("originalTimestamp", original.toString());
        }
        if (sentAt != null) {
            normalised.put("sentAt", sentAt.toString());
        }
        normalised.put("receivedAt", receivedAt.toString());
        normalised.put("timestamp", timestamp.toString());
        message.setAll(normalised);
        byte[] stored = carriesWriteKey ? json.writeValueAsBytes(message)
                : splice(body, start, end, json.writeValueAsBytes(normalised));
        return new StoredEvent(new CollectedEvent(messageId, type, name, userId.value(), anonymousId.value(),
                timestamp, receivedAt, message), stored);
    }

    /**
     * Why the log could not hold this JSON although Jackson read it, or {@code null}: PostgreSQL's {@code jsonb}
     * refuses the escaped NUL character and unpaired surrogate escapes, it writes numbers out in full so that a
     * large exponent makes them unreadable (see {@link #storableNumber}), and the database refuses UTF-8 that
     * Jackson decodes leniently (overlong forms, code points above U+10FFFF).
     * Such an event must be rejected on its own; stored, it would fail the whole group commit and every request
     * waiting on it. One pass over bytes that Jackson has already found to be well-formed JSON.
     */
    static @Nullable String unstorable(byte[] json, int start, int end) {
        boolean inString = false;
        for (int i = start; i < end; i++) {
            byte value = json[i];
            if (value == '"') {
                inString = !inString;
                continue;
            }
            if (!inString) {
                if (value == '-' || (value >= '0' && value <= '9')) {
                    int after = i;
                    while (after < end && isNumberByte(json[after])) {
                        after++;
                    }
                    if (!storableNumber(json, i, after)) {
                        return "the event contains a number out of the storable range";
                    }
                    i = after - 1;
                }
                continue;
            }
            if (value >= 0 && value != '\\') {
                continue;
            }
            if (value == '\\') {
                if (i + 5 >= end || json[i + 1] != 'u') {
                    i++; // a one-character escape such as \\ or \"
                    continue;
                }
                int unit = hex4(json, i + 2);
                if (unit == 0) {
                    return "the event contains the character \\u0000, which cannot be stored";
                }
                if (unit >= 0xD800 && unit <= 0xDBFF) {
                    int low = i + 11 < end && json[i + 6] == '\\' && json[i + 7] == 'u' ? hex4(json, i + 8) : -1;
                    if (low < 0xDC00 || low > 0xDFFF) {
                        return UNPAIRED_SURROGATE;
                    }
                    i += 11;
                } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
                    return UNPAIRED_SURROGATE;
                } else {
                    i += 5;
                }
                continue;
            }
            int lead = value & 0xFF;
            int next = i + 1 < end ? json[i + 1] & 0xFF : 0;
            if (lead == 0xC0 || lead == 0xC1 || lead >= 0xF5 || (lead == 0xE0 && next < 0xA0)
                    || (lead == 0xF0 && next < 0x90) || (lead == 0xF4 && next >= 0x90)
                    || (lead == 0xED && next >= 0xA0)) {
                return "the event is not valid UTF-8";
            }
        }
        return null;
    }

    private static boolean isNumberByte(byte value) {
        return (value >= '0' && value <= '9') || value == '-' || value == '+' || value == '.' || value == 'e'
                || value == 'E';
    }

    /**
     * Whether the JSON number at {@code json[from, to)} can be stored and read back: {@code jsonb} keeps numbers
     * without exponent, so {@code 1e1000} comes back as 1,001 digits, more than Jackson reads (1,000), which would
     * stop everything that reads the event; beyond that {@code numeric} overflows. The digits the number has
     * when written out in full are limited to 990 (about 1e989, far beyond any double), with room for sign and point.
     */
    private static boolean storableNumber(byte[] json, int from, int to) {
        int i = json[from] == '-' ? from + 1 : from;
        long integerDigits = 0;
        for (; i < to && json[i] >= '0' && json[i] <= '9'; i++) {
            integerDigits++;
        }
        long fractionDigits = 0;
        if (i < to && json[i] == '.') {
            for (i++; i < to && json[i] >= '0' && json[i] <= '9'; i++) {
                fractionDigits++;
            }
        }
        long exponent = 0;
        if (i < to && (json[i] == 'e' || json[i] == 'E')) {
            i++;
            boolean negative = i < to && json[i] == '-';
            if (i < to && (json[i] == '-' || json[i] == '+')) {
                i++;
            }
            for (int digits = 0; i < to && json[i] >= '0' && json[i] <= '9'; i++) {
                if (++digits > 6) {
                    return false;
                }
                exponent = exponent * 10 + (json[i] - '0');
            }
            exponent = negative ? -exponent : exponent;
        }
        return Math.max(1, integerDigits + exponent) + Math.max(0, fractionDigits - exponent) <= MAX_NUMBER_DIGITS;
    }

    private static final int MAX_NUMBER_DIGITS = 990;

    private static final String UNPAIRED_SURROGATE =
            "the event contains an unpaired surrogate escape (half a character), which cannot be stored";

    private static int hex4(byte[] json, int from) {
        int unit = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit(json[i], 16);
            if (digit < 0) {
                return -1;
            }
            unit = unit * 16 + digit;
        }
        return unit;
    }

    /** The object at {@code body[start, end)} with the members of {@code overrides} (an object) appended. */
    static byte[] splice(byte[] body, int start, int end, byte[] overrides) {
        int close = end - 1;
        while (close > start && body[close] != '}') {
            close--;
        }
        int last = close - 1;
        while (last > start && Character.isWhitespace(body[last])) {
            last--;
        }
        boolean empty = last == start;
        int head = close - start;
        byte[] spliced = new byte[head + (empty ? 0 : 1) + overrides.length - 1];
        System.arraycopy(body, start, spliced, 0, head);
        if (!empty) {
            spliced[head] = ',';
        }
        System.arraycopy(overrides, 1, spliced, head + (empty ? 0 : 1), overrides.length - 1);
        return spliced;
    }

    private static ObjectNode mergeContext(ObjectNode batchContext, @Nullable JsonNode eventContext) {
        ObjectNode merged = batchContext.deepCopy();
        if (eventContext instanceof ObjectNode own) {
            for (Map.Entry<String, JsonNode> entry : own.properties()) {
                JsonNode existing = merged.get(entry.getKey());
                if (existing instanceof ObjectNode existingObject && entry.getValue() instanceof ObjectNode value) {
                    merged.set(entry.getKey(), mergeContext(existingObject, value));
                } else {
                    merged.set(entry.getKey(), entry.getValue());
                }
            }
        }
        return merged;
    }

    private record Id(@Nullable String value, boolean invalid) {}

    /** Ids may be strings or whole numbers (some clients send numeric user ids); blank means absent. */
    private static Id id(ObjectNode message, String field) {
        JsonNode node = message.get(field);
        if (node == null || node.isNull()) {
            return new Id(null, false);
        }
        if (node.isString()) {
            String value = node.stringValue().trim();
            return new Id(value.isEmpty() ? null : value, false);
        }
        if (node.isIntegralNumber()) {
            return new Id(node.asString(), false);
        }
        return new Id(null, true);
    }

    private static final class InvalidTimestamp extends Exception {
        final String field;

        InvalidTimestamp(String field) {
            super(field, null, false, false);
            this.field = field;
        }
    }

    private static @Nullable Instant instant(ObjectNode message, String field) throws InvalidTimestamp {
        JsonNode node = message.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidTimestamp(field);
        }
        try {
            return parseInstant(node.stringValue());
        } catch (DateTimeParseException e) {
            throw new InvalidTimestamp(field);
        }
    }

    /** ISO-8601 with offset; without offset it is taken as UTC; a plain date is midnight UTC. */
    static Instant parseInstant(String text) {
        return IsoInstants.parse(text);
    }

    private static @Nullable String textOrNull(@Nullable JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }
}
