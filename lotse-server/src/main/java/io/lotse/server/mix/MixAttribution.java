package io.lotse.server.mix;

import io.lotse.engine.attribution.Attribution;
import io.lotse.engine.attribution.AttributionModels;
import io.lotse.engine.attribution.Journey;
import io.lotse.engine.attribution.JourneyBuilder;
import io.lotse.engine.mix.ChannelResult;
import io.lotse.engine.mix.MixResult;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Attribution of the log's orders to the campaign touches before them, beside the marketing-mix model's view.
 * Attribution answers "which clicks preceded the orders", the mix model "what would we lose without the spend";
 * channels without clicks (TV) appear only in the latter, and clicks that would have happened anyway (brand
 * search, retargeting) get credit only in the former.
 */
@Service
class MixAttribution {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long SHAPLEY_SEED = 42;

    private final OrderQueries orders;
    private final MixModels models;

    MixAttribution(OrderQueries orders, MixModels models) {
        this.orders = orders;
        this.models = models;
    }

    /** Journeys of the orders between two days (inclusive), every model's credit, and the mix model's shares. */
    ObjectNode compare(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the span ends before it starts: " + from + " to " + to);
        }
        Instant start = from.atStartOfDay(OrderQueries.ZONE).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(OrderQueries.ZONE).toInstant();
        // Touches up to the lookback before the span still count for the span's orders.
        List<OrderQueries.Touch> touches = orders.touches(start.minus(JourneyBuilder.DEFAULT_LOOKBACK), end);
        List<JourneyBuilder.Event> events = new ArrayList<>();
        for (OrderQueries.Touch touch : touches) {
            if (touch.order()) {
                if (!touch.at().isBefore(start)) {
                    events.add(JourneyBuilder.Event.conversion(touch.person(), touch.at(), touch.revenue()));
                }
            } else {
                events.add(JourneyBuilder.Event.touch(touch.person(), touch.at(),
                        JourneyBuilder.channelOf(touch.medium(), touch.source())));
            }
        }
        List<Journey> journeys = JourneyBuilder.build(events, JourneyBuilder.DEFAULT_LOOKBACK);
        ObjectNode node = NODES.objectNode();
        node.put("from", from.toString());
        node.put("to", to.toString());
        node.put("journeys", journeys.size());
        node.put("conversions", journeys.stream().mapToDouble(Journey::conversions).sum());
        node.put("value", journeys.stream().mapToDouble(Journey::value).sum());
        Set<String> channels = new LinkedHashSet<>();
        if (journeys.stream().anyMatch(j -> j.conversions() > 0)) {
            AttributionModels.Result result = AttributionModels.run(journeys, SHAPLEY_SEED);
            ObjectNode attributions = node.putObject("models");
            for (Attribution attribution : result.attributions()) {
                ObjectNode model = attributions.putObject(attribution.model());
                ObjectNode conversions = model.putObject("conversions");
                attribution.conversions().forEach(conversions::put);
                ObjectNode value = model.putObject("value");
                attribution.value().forEach(value::put);
                ObjectNode shares = model.putObject("shares");
                attribution.conversions().keySet().forEach(c -> shares.put(c, attribution.share(c)));
                channels.addAll(attribution.conversions().keySet());
            }
            ObjectNode effects = node.putObject("removalEffects");
            result.removalEffects().forEach(effects::put);
            node.put("conversionProbability", result.conversionProbability());
            node.put("shapleyExact", result.shapleyExact());
        }
        Optional<FitSummary> latest = models.latest();
        if (latest.isPresent()) {
            Optional<MixResult> fit = models.result(latest.get().id());
            if (fit.isPresent()) {
                ObjectNode mix = node.putObject("mix");
                mix.put("fitId", latest.get().id());
                mix.put("modelVersion", latest.get().modelVersion());
                mix.put("outcome", latest.get().outcome().key());
                ObjectNode shares = mix.putObject("effectShares");
                for (ChannelResult channel : fit.get().channels()) {
                    shares.put(channel.channel(), channel.effectShare());
                    channels.add(channel.channel());
                }
            }
        }
        ArrayNode all = node.putArray("channels");
        channels.forEach(all::add);
        return node;
    }
}
