package io.lotse.server.service;

import io.lotse.engine.text.MessageFrame;
import io.lotse.engine.text.Topic;
import io.lotse.engine.text.TopicFinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Figures of customer service: per intent and overall the automation rate, the precision of automatic answers
 * (an automatic answer counts as wrong when an agent corrected the intent or the customer wrote again) and the
 * time to the first answer; and friction: a pain-volume index per topic with the lists "automate" and "remove the
 * cause", including new topics clustered from messages that fit no intent. Also published as Prometheus gauges
 * {@code lotse_service_automation_rate} and {@code lotse_service_auto_answer_precision} (last 30 days, per intent).
 */
@Component
class ServiceFigures {

    static final int MAX_TICKETS = 50_000;
    static final int MAX_CLUSTERED = 1_000;
    /** Friction is clustered from embeddings; a page view reuses a result this young. */
    static final Duration FRICTION_REUSE = Duration.ofMinutes(2);
    static final int EXAMPLES = 3;
    private static final double DAY_SECONDS = 86_400;

    /**
     * Figures of one intent (or of all, as {@code *}).
     *
     * @param intent                  the intent
     * @param tickets                 tickets in the period
     * @param automated               of them answered automatically
     * @param automationRate          automated / tickets
     * @param wrongAutomatic          automatic answers later corrected or reopened
     * @param autoAnswerPrecision     share of automatic answers not corrected and not reopened; null without any
     * @param medianFirstAnswerSeconds median time to the first answer; null without answers
     */
    record IntentFigures(String intent, int tickets, int automated, double automationRate, int wrongAutomatic,
            @Nullable Double autoAnswerPrecision, @Nullable Double medianFirstAnswerSeconds) {}

    /**
     * @param days    the period, ending now
     * @param overall all intents together
     * @param intents per intent, most tickets first
     */
    record Metrics(int days, IntentFigures overall, List<IntentFigures> intents) {}

    /**
     * A topic's friction.
     *
     * @param topic            intent name, or the key terms of a new topic
     * @param kind             {@code intent} or {@code new_topic}
     * @param volume           tickets in the period
     * @param previousVolume   tickets in the period before
     * @param volumeShare      share of all tickets in the period
     * @param handoverRate     share handed to a person
     * @param repeatRate       share followed by another ticket of the same customer within 7 days
     * @param negativeRate     share with negative sentiment
     * @param handleTime       median time to the first agent answer relative to a day (capped at 1)
     * @param severity         mean of the four rates above
     * @param trend            (volume + 1) / (previous volume + 1)
     * @param painVolumeIndex  volume share × severity × trend
     * @param meanConfidence   mean intent confidence
     * @param examples         a few of its messages
     */
    record TopicFriction(String topic, String kind, int volume, int previousVolume, double volumeShare,
            double handoverRate, double repeatRate, double negativeRate, double handleTime, double severity,
            double trend, double painVolumeIndex, double meanConfidence, List<String> examples) {}

    /**
     * @param days         the period, ending now
     * @param topics       every topic, highest pain-volume index first
     * @param automate     high volume, low severity, confident intent: candidates for automatic answers
     * @param removeCause  high severity or rising: causes to remove
     */
    record Friction(int days, List<TopicFriction> topics, List<TopicFriction> automate,
            List<TopicFriction> removeCause) {}

    private record Row(long id, String intent, boolean outOfScope, boolean automated, boolean wrongAutomatic,
            double sentiment, double confidence, Instant createdAt, @Nullable Double firstAnswerSeconds,
            @Nullable String answeredBy, boolean repeat, String text) {}

    private final JdbcClient jdbc;
    private final IntentModel model;
    private final MultiGauge automationRate;
    private final MultiGauge precision;
    private final Map<Integer, Computed> friction = new java.util.concurrent.ConcurrentHashMap<>();

    private record Computed(Friction friction, Instant at) {}

    ServiceFigures(JdbcClient jdbc, IntentModel model, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.model = model;
        this.automationRate = MultiGauge.builder("lotse.service.automation.rate")
                .description("Share of tickets of the last 30 days answered automatically, per intent")
                .register(meters);
        this.precision = MultiGauge.builder("lotse.service.auto.answer.precision")
                .description("Share of automatic answers of the last 30 days neither corrected nor reopened")
                .register(meters);
    }

    @Scheduled(fixedDelay = 60_000, initialDelay = 10_000)
    void publish() {
        Metrics metrics = metrics(30);
        List<MultiGauge.Row<?>> rates = new ArrayList<>();
        List<MultiGauge.Row<?>> precisions = new ArrayList<>();
        List<IntentFigures> all = new ArrayList<>(metrics.intents());
        all.add(metrics.overall());
        for (IntentFigures figures : all) {
            rates.add(MultiGauge.Row.of(Tags.of("intent", figures.intent()), figures.automationRate()));
            if (figures.autoAnswerPrecision() != null) {
                precisions.add(MultiGauge.Row.of(Tags.of("intent", figures.intent()), figures.autoAnswerPrecision()));
            }
        }
        automationRate.register(rates, true);
        precision.register(precisions, true);
    }

    Metrics metrics(int days) {
        Instant now = Instant.now();
        List<Row> rows = rows(now.minus(Duration.ofDays(days)), now);
        Map<String, List<Row>> byIntent = new LinkedHashMap<>();
        for (Row row : rows) {
            byIntent.computeIfAbsent(row.intent(), key -> new ArrayList<>()).add(row);
        }
        List<IntentFigures> intents = new ArrayList<>();
        byIntent.forEach((intent, list) -> intents.add(figures(intent, list)));
        intents.sort(Comparator.comparingInt(IntentFigures::tickets).reversed().thenComparing(IntentFigures::intent));
        return new Metrics(days, figures("*", rows), intents);
    }

    private static IntentFigures figures(String intent, List<Row> rows) {
        int automated = 0;
        int wrong = 0;
        List<Double> answers = new ArrayList<>();
        for (Row row : rows) {
            automated += row.automated() ? 1 : 0;
            wrong += row.wrongAutomatic() ? 1 : 0;
            if (row.firstAnswerSeconds() != null) {
                answers.add(row.firstAnswerSeconds());
            }
        }
        return new IntentFigures(intent, rows.size(), automated, rows.isEmpty() ? 0 : automated / (double) rows.size(),
                wrong, automated == 0 ? null : (automated - wrong) / (double) automated, median(answers));
    }

    /** The friction of the last days; a result computed less than two minutes ago is reused. */
    Friction friction(int days) {
        Computed known = friction.get(days);
        Instant now = Instant.now();
        if (known != null && known.at().plus(FRICTION_REUSE).isAfter(now)) {
            return known.friction();
        }
        Friction computed = computeFriction(days);
        friction.put(days, new Computed(computed, now));
        return computed;
    }

    private Friction computeFriction(int days) {
        Instant now = Instant.now();
        Instant start = now.minus(Duration.ofDays(days));
        List<Row> current = rows(start, now);
        List<Row> previous = rows(start.minus(Duration.ofDays(days)), start);
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        Map<String, Integer> previousVolume = new LinkedHashMap<>();
        List<Row> unmatched = new ArrayList<>();
        for (Row row : current) {
            if (row.outOfScope()) {
                unmatched.add(row);
            } else {
                groups.computeIfAbsent(row.intent(), key -> new ArrayList<>()).add(row);
            }
        }
        for (Row row : previous) {
            if (!row.outOfScope()) {
                previousVolume.merge(row.intent(), 1, Integer::sum);
            }
        }
        List<TopicFriction> topics = new ArrayList<>();
        int total = current.size();
        groups.forEach((intent, rows) -> topics.add(topic(intent, "intent", rows,
                previousVolume.getOrDefault(intent, 0), total)));
        topics.addAll(newTopics(unmatched, total));
        topics.sort(Comparator.comparingDouble(TopicFriction::painVolumeIndex).reversed()
                .thenComparing(TopicFriction::topic));
        double averageShare = topics.isEmpty() ? 0 : 1.0 / topics.size();
        List<TopicFriction> automate = topics.stream()
                .filter(t -> "intent".equals(t.kind()) && t.volumeShare() >= averageShare && t.severity() < 0.35
                        && t.meanConfidence() >= 0.8 && t.handoverRate() > 0)
                .sorted(Comparator.comparingInt(TopicFriction::volume).reversed().thenComparing(TopicFriction::topic))
                .toList();
        List<TopicFriction> removeCause = topics.stream()
                .filter(t -> t.severity() >= 0.5 || t.trend() >= 1.5 && t.volume() >= 3)
                .toList();
        return new Friction(days, topics, automate, removeCause);
    }

    private List<TopicFriction> newTopics(List<Row> unmatched, int total) {
        if (unmatched.size() < 5) {
            return List.of();
        }
        List<Row> sample = unmatched.subList(0, Math.min(MAX_CLUSTERED, unmatched.size()));
        IntentModel.Trained trained = model.ready();
        if (trained == null) {
            return List.of();
        }
        // Clustered and named by what the messages ask, not by their greetings and closings.
        List<String> texts = sample.stream().map(row -> MessageFrame.strip(row.text())).toList();
        List<float[]> embeddings = trained.classifier().embedder().dimension() == 0 ? List.of()
                : trained.classifier().embedder().embedAll(texts);
        if (embeddings.isEmpty()) {
            return List.of();
        }
        List<TopicFriction> topics = new ArrayList<>();
        for (Topic topic : new TopicFinder(5, 3).find(texts, embeddings)) {
            List<Row> members = topic.members().stream().map(sample::get).toList();
            topics.add(topic(topic.name(), "new_topic", members, 0, total));
        }
        return topics;
    }

    private static TopicFriction topic(String name, String kind, List<Row> rows, int previous, int total) {
        int volume = rows.size();
        double handover = 0;
        double repeat = 0;
        double negative = 0;
        double confidence = 0;
        List<Double> handle = new ArrayList<>();
        for (Row row : rows) {
            handover += row.automated() ? 0 : 1;
            repeat += row.repeat() ? 1 : 0;
            negative += row.sentiment() < -0.25 ? 1 : 0;
            confidence += row.confidence();
            if ("agent".equals(row.answeredBy()) && row.firstAnswerSeconds() != null) {
                handle.add(row.firstAnswerSeconds());
            }
        }
        Double medianHandle = median(handle);
        double handleTime = medianHandle == null ? 0 : Math.min(1, medianHandle / DAY_SECONDS);
        double severity = (handover / volume + repeat / volume + negative / volume + handleTime) / 4;
        double trend = (volume + 1.0) / (previous + 1.0);
        double share = total == 0 ? 0 : volume / (double) total;
        List<String> examples = rows.stream().limit(EXAMPLES).map(Row::text).toList();
        return new TopicFriction(name, kind, volume, previous, share, handover / volume, repeat / volume,
                negative / volume, handleTime, severity, trend, share * severity * trend, confidence / volume,
                examples);
    }

    private List<Row> rows(Instant from, Instant to) {
        return jdbc.sql("SELECT t.id, coalesce(t.corrected_intent, t.intent, 'out_of_scope'), "
                        + "coalesce(t.corrected_intent, t.intent) = 'out_of_scope' OR "
                        + "(t.corrected_intent IS NULL AND t.out_of_scope), t.answered_by = 'automation', "
                        + "t.answered_by = 'automation' AND (t.reopened OR (t.corrected_intent IS NOT NULL AND "
                        + "t.corrected_intent <> t.intent)), t.sentiment, coalesce(t.confidence, 0), t.created_at, "
                        + "extract(epoch FROM t.first_answer_at - t.created_at), t.answered_by, "
                        + "EXISTS (SELECT 1 FROM service_tickets o WHERE o.id <> t.id AND o.created_at > t.created_at "
                        + "AND o.created_at <= t.created_at + interval '7 days' AND (o.profile_id = t.profile_id OR "
                        + "o.email = t.email)), "
                        + "(SELECT left(m.body, 300) FROM service_messages m WHERE m.ticket_id = t.id ORDER BY m.id "
                        + "LIMIT 1) FROM service_tickets t WHERE t.created_at >= ? AND t.created_at < ? "
                        + "AND t.status <> 'received' ORDER BY t.created_at DESC LIMIT ?")
                .params(Timestamp.from(from), Timestamp.from(to), MAX_TICKETS)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getBoolean(5), rs.getDouble(6), rs.getDouble(7), rs.getTimestamp(8).toInstant(),
                        rs.getObject(9) == null ? null : ((Number) rs.getObject(9)).doubleValue(),
                        rs.getString(10), rs.getBoolean(11), rs.getString(12) == null ? "" : rs.getString(12)))
                .list();
    }

    private static @Nullable Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
