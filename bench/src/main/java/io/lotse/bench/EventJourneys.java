package io.lotse.bench;

import io.lotse.engine.attribution.Journey;
import io.lotse.engine.attribution.JourneyBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Journeys from a file of Segment messages, one JSON object per line (the simulator's {@code events.jsonl}): the
 * same rules as the server's (campaign touches in {@code context.campaign}, {@code Order Completed} orders counted
 * once by order id, 30 days of lookback), with persons stitched as far as the events themselves tie anonymous ids
 * to user ids (the server uses its identity graph instead).
 */
final class EventJourneys {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventJourneys() {}

    static List<Journey> read(Path file) throws IOException {
        Map<String, String> userOfAnonymous = new HashMap<>();
        forEachLine(file, event -> {
            String user = event.path("userId").asString("");
            String anonymous = event.path("anonymousId").asString("");
            if (!user.isEmpty() && !anonymous.isEmpty()) {
                userOfAnonymous.putIfAbsent(anonymous, user);
            }
        });
        List<JourneyBuilder.Event> events = new ArrayList<>();
        Set<String> orders = new HashSet<>();
        forEachLine(file, event -> {
            String user = event.path("userId").asString("");
            String anonymous = event.path("anonymousId").asString("");
            String person = !user.isEmpty() ? user : userOfAnonymous.getOrDefault(anonymous, "a:" + anonymous);
            String timestamp = event.path("timestamp").asString("");
            if (timestamp.isEmpty() || person.equals("a:")) {
                return;
            }
            Instant at = Instant.parse(timestamp);
            JsonNode campaign = event.path("context").path("campaign");
            if (campaign.isObject()) {
                events.add(JourneyBuilder.Event.touch(person, at, JourneyBuilder.channelOf(
                        campaign.path("medium").asString(null), campaign.path("source").asString(null))));
            }
            if ("track".equals(event.path("type").asString()) && "Order Completed".equals(event.path("event")
                    .asString())) {
                JsonNode properties = event.path("properties");
                String orderId = properties.path("order_id").asString(event.path("messageId").asString());
                if (orders.add(orderId)) {
                    double revenue = properties.path("revenue").isNumber() ? properties.path("revenue").asDouble()
                            : properties.path("total").asDouble(0);
                    events.add(JourneyBuilder.Event.conversion(person, at, revenue));
                }
            }
        });
        if (events.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no campaign touches and no orders");
        }
        return JourneyBuilder.build(events, JourneyBuilder.DEFAULT_LOOKBACK);
    }

    private static void forEachLine(Path file, java.util.function.Consumer<JsonNode> handler) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    handler.accept(JSON.readTree(line));
                } catch (tools.jackson.core.JacksonException | java.time.format.DateTimeParseException e) {
                    throw new IllegalArgumentException(file + " line " + number + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Writes journeys aggregated by path as a path file ({@link PathFile#COLUMNS}, comma separated). */
    static void writePaths(List<Journey> journeys, Path file) throws IOException {
        Map<String, double[]> byPath = new LinkedHashMap<>();
        for (Journey journey : journeys) {
            double[] totals = byPath.computeIfAbsent(String.join(" > ", journey.channels()), p -> new double[3]);
            totals[0] += journey.conversions();
            totals[1] += journey.value();
            totals[2] += journey.nulls();
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", PathFile.COLUMNS) + "\n");
            for (Map.Entry<String, double[]> path : byPath.entrySet()) {
                double[] t = path.getValue();
                out.write(String.format(Locale.ROOT, "\"%s\",%.0f,%.2f,%.0f%n", path.getKey(), t[0], t[1], t[2]));
            }
        }
    }
}
