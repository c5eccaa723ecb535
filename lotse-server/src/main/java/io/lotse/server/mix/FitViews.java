package io.lotse.server.mix;

import io.lotse.engine.mix.BudgetRecommender;
import io.lotse.engine.mix.ChannelEffect;
import io.lotse.engine.mix.ChannelResult;
import io.lotse.engine.mix.FitDiagnostics;
import io.lotse.engine.mix.Interval;
import io.lotse.engine.mix.MixData;
import io.lotse.engine.mix.MixModel;
import io.lotse.engine.mix.MixResult;
import io.lotse.engine.mix.ResponseCurve;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The JSON views of a fit for the API and the UI's charts. */
final class FitViews {

    /** Points of each response curve. */
    static final int CURVE_POINTS = 41;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FitViews() {}

    /** Per-channel results, diagnostics and provenance. */
    static ObjectNode results(FitSummary fit, MixResult result, Map<String, Double> current) {
        ObjectNode node = NODES.objectNode();
        node.set("fit", summary(fit));
        ArrayNode channels = node.putArray("channels");
        for (ChannelResult channel : result.channels()) {
            ObjectNode c = channels.addObject();
            c.put("channel", channel.channel());
            c.put("spend", channel.spend());
            c.put("contribution", channel.contribution());
            c.set("contributionInterval", interval(channel.contributionInterval()));
            c.put("outcomeShare", channel.outcomeShare());
            c.put("spendShare", channel.spendShare());
            c.put("effectShare", channel.effectShare());
            c.put("roi", channel.roi());
            c.set("roiInterval", interval(channel.roiInterval()));
            c.put("marginalRoi", channel.marginalRoi());
            c.set("marginalRoiInterval", interval(channel.marginalRoiInterval()));
            c.put("averageWeeklySpend", channel.averageSpend());
            c.put("currentWeeklySpend", current.getOrDefault(channel.channel(), 0.0));
            c.put("pausedShare", channel.pausedShare());
            ChannelEffect effect = channel.effect();
            c.set("adstock", ModelCodec.adstock(effect.adstock()));
            c.set("saturation", ModelCodec.saturation(effect.saturation()));
            c.put("beta", effect.beta());
            c.put("adstockDescription", effect.adstock().describe());
            c.put("saturationDescription", effect.saturation().describe());
        }
        node.set("diagnostics", ModelCodec.diagnostics(result.diagnostics()));
        node.set("provenance", ModelCodec.provenance(result.provenance()));
        node.put("intervalLevel", result.intervalLevel());
        return node;
    }

    static ObjectNode summary(FitSummary fit) {
        ObjectNode node = NODES.objectNode();
        node.put("id", fit.id());
        node.put("modelVersion", fit.modelVersion());
        node.put("status", fit.status());
        node.put("outcome", fit.outcome().key());
        node.put("requestedAt", fit.requestedAt().toString());
        node.put("requestedBy", fit.requestedBy());
        node.put("finishedAt", fit.finishedAt() == null ? null : fit.finishedAt().toString());
        node.put("firstWeek", fit.firstWeek() == null ? null : fit.firstWeek().toString());
        node.put("lastWeek", fit.lastWeek() == null ? null : fit.lastWeek().toString());
        node.put("weeks", fit.weeks());
        ArrayNode channels = node.putArray("channels");
        fit.channels().forEach(channels::add);
        node.put("error", fit.error());
        return node;
    }

    /** The outcome over time: actual, fitted, and each component's part. */
    static ObjectNode contributions(MixResult result) {
        ObjectNode node = NODES.objectNode();
        MixModel.Decomposition decomposition = result.decomposition();
        ArrayNode weeks = node.putArray("weeks");
        decomposition.periods().forEach(p -> weeks.add(p.toString()));
        node.set("actual", ModelCodec.numbers(result.data().outcome()));
        node.set("fitted", ModelCodec.numbers(result.fitted()));
        ArrayNode components = node.putArray("components");
        for (int i = 0; i < decomposition.components().size(); i++) {
            ObjectNode component = components.addObject();
            component.put("name", decomposition.components().get(i));
            component.put("media", i >= decomposition.firstMedia());
            component.set("values", ModelCodec.numbers(decomposition.values()[i]));
        }
        return node;
    }

    /**
     * Each channel's response curve: outcome per week at a steady spend per week, for the selected model and as
     * expected over the bootstrap refits, with the interval of the refits.
     */
    static ObjectNode curves(MixResult result, Map<String, Double> current) {
        ObjectNode node = NODES.objectNode();
        node.put("intervalLevel", result.intervalLevel());
        ArrayNode channels = node.putArray("channels");
        List<ResponseCurve> expected = BudgetRecommender.expectedCurves(result);
        MixData data = result.data();
        double tail = (1 - result.intervalLevel()) / 2;
        for (int c = 0; c < data.channels().size(); c++) {
            String name = data.channels().get(c);
            double max = Arrays.stream(data.spend(c)).max().orElse(0);
            double now = current.getOrDefault(name, 0.0);
            double top = Math.max(2 * max, 2 * now);
            ObjectNode channel = channels.addObject();
            channel.put("channel", name);
            channel.put("currentWeeklySpend", now);
            channel.put("averageWeeklySpend", data.totalSpend(c) / data.size());
            channel.put("maxWeeklySpend", max);
            ArrayNode points = channel.putArray("points");
            ChannelEffect effect = result.model().effect(c);
            for (int k = 0; k < CURVE_POINTS; k++) {
                double spend = top * k / (CURVE_POINTS - 1);
                ObjectNode point = points.addObject();
                point.put("spend", spend);
                point.put("response", effect.response(spend));
                point.put("expected", expected.get(c).response(spend));
                if (!result.replicates().isEmpty()) {
                    double[] values = new double[result.replicates().size()];
                    for (int r = 0; r < values.length; r++) {
                        values[r] = result.replicates().get(r).effect(c).response(spend);
                    }
                    Arrays.sort(values);
                    point.put("lower", quantile(values, tail));
                    point.put("upper", quantile(values, 1 - tail));
                }
            }
        }
        return node;
    }

    private static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    static ArrayNode interval(Interval interval) {
        ArrayNode array = NODES.arrayNode();
        array.add(interval.lower());
        array.add(interval.upper());
        return array;
    }

    /** Whether a fit's holdout check exists, for templates. */
    static boolean hasHoldout(FitDiagnostics diagnostics) {
        return diagnostics.holdout() != null;
    }
}
