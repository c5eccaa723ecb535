package io.lotse.server.mix;

import io.lotse.engine.mix.Adstock;
import io.lotse.engine.mix.AdstockType;
import io.lotse.engine.mix.Baseline;
import io.lotse.engine.mix.ChannelEffect;
import io.lotse.engine.mix.FitDiagnostics;
import io.lotse.engine.mix.GeometricAdstock;
import io.lotse.engine.mix.HillSaturation;
import io.lotse.engine.mix.LiftTest;
import io.lotse.engine.mix.LogisticSaturation;
import io.lotse.engine.mix.MixData;
import io.lotse.engine.mix.MixModel;
import io.lotse.engine.mix.MixSettings;
import io.lotse.engine.mix.Provenance;
import io.lotse.engine.mix.Saturation;
import io.lotse.engine.mix.SaturationType;
import io.lotse.engine.mix.WeibullAdstock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stores fitted models, their data, diagnostics and provenance as JSON and reads them back exactly (doubles are
 * written in full), so that a stored fit allocates and forecasts as it did when it was fitted.
 */
final class ModelCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ModelCodec() {}

    // ---- data

    static ObjectNode data(MixData data) {
        ObjectNode node = NODES.objectNode();
        ArrayNode periods = node.putArray("periods");
        data.periods().forEach(p -> periods.add(p.toString()));
        node.set("outcome", numbers(data.outcome()));
        ArrayNode channels = node.putArray("channels");
        ArrayNode spend = node.putArray("spend");
        for (int c = 0; c < data.channels().size(); c++) {
            channels.add(data.channels().get(c));
            spend.add(numbers(data.spend(c)));
        }
        ArrayNode controls = node.putArray("controls");
        ArrayNode values = node.putArray("controlValues");
        for (int k = 0; k < data.controlNames().size(); k++) {
            controls.add(data.controlNames().get(k));
            values.add(numbers(data.control(k)));
        }
        return node;
    }

    static MixData data(JsonNode node) {
        List<LocalDate> periods = new ArrayList<>();
        node.path("periods").forEach(p -> periods.add(LocalDate.parse(p.asString())));
        List<String> channels = strings(node.path("channels"));
        double[][] spend = new double[channels.size()][];
        for (int c = 0; c < channels.size(); c++) {
            spend[c] = doubles(node.path("spend").get(c));
        }
        List<String> controls = strings(node.path("controls"));
        double[][] values = new double[controls.size()][];
        for (int k = 0; k < controls.size(); k++) {
            values[k] = doubles(node.path("controlValues").get(k));
        }
        return new MixData(periods, doubles(node.path("outcome")), channels, spend, controls, values);
    }

    // ---- models

    static ObjectNode model(MixModel model) {
        ObjectNode node = NODES.objectNode();
        Baseline baseline = model.baseline();
        ObjectNode base = node.putObject("baseline");
        base.put("origin", baseline.origin().toString());
        base.put("periodDays", baseline.periodDays());
        base.put("intercept", baseline.intercept());
        base.put("trendPerYear", baseline.trendPerYear());
        Baseline.Seasonality seasonality = baseline.seasonalityTerms();
        base.set("sine", numbers(seasonality.sine()));
        base.set("cosine", numbers(seasonality.cosine()));
        base.set("sineGrowth", numbers(seasonality.sineGrowth()));
        base.set("cosineGrowth", numbers(seasonality.cosineGrowth()));
        Baseline.Controls controls = baseline.controlTerms();
        ArrayNode names = base.putArray("controls");
        controls.names().forEach(names::add);
        base.set("controlCoefficients", numbers(controls.coefficients()));
        base.set("controlGrowth", numbers(controls.growth()));
        ArrayNode effects = node.putArray("effects");
        for (ChannelEffect effect : model.effects()) {
            ObjectNode e = effects.addObject();
            e.put("channel", effect.channel());
            e.set("adstock", adstock(effect.adstock()));
            e.set("saturation", saturation(effect.saturation()));
            e.put("beta", effect.beta());
        }
        node.put("residualSd", model.residualSd());
        return node;
    }

    static MixModel model(JsonNode node) {
        JsonNode base = node.path("baseline");
        Baseline baseline = new Baseline(LocalDate.parse(base.path("origin").asString()),
                base.path("periodDays").asInt(), base.path("intercept").asDouble(),
                base.path("trendPerYear").asDouble(),
                new Baseline.Seasonality(doubles(base.path("sine")), doubles(base.path("cosine")),
                        doubles(base.path("sineGrowth")), doubles(base.path("cosineGrowth"))),
                new Baseline.Controls(strings(base.path("controls")), doubles(base.path("controlCoefficients")),
                        doubles(base.path("controlGrowth"))));
        List<ChannelEffect> effects = new ArrayList<>();
        for (JsonNode e : node.path("effects")) {
            effects.add(new ChannelEffect(e.path("channel").asString(), adstock(e.path("adstock")),
                    saturation(e.path("saturation")), e.path("beta").asDouble()));
        }
        return new MixModel(baseline, effects, node.path("residualSd").asDouble());
    }

    static ObjectNode adstock(Adstock adstock) {
        ObjectNode node = NODES.objectNode();
        if (adstock instanceof GeometricAdstock geometric) {
            node.put("type", AdstockType.GEOMETRIC.key());
            node.put("theta", geometric.theta());
        } else if (adstock instanceof WeibullAdstock weibull) {
            node.put("type", (weibull.pdf() ? AdstockType.WEIBULL_PDF : AdstockType.WEIBULL_CDF).key());
            node.put("shape", weibull.shape());
            node.put("scalePeriods", weibull.scalePeriods());
            node.put("window", weibull.window());
        }
        return node;
    }

    private static Adstock adstock(JsonNode node) {
        return switch (AdstockType.fromKey(node.path("type").asString())) {
            case GEOMETRIC -> new GeometricAdstock(node.path("theta").asDouble());
            case WEIBULL_CDF -> new WeibullAdstock(false, node.path("shape").asDouble(),
                    node.path("scalePeriods").asDouble(), node.path("window").asInt());
            case WEIBULL_PDF -> new WeibullAdstock(true, node.path("shape").asDouble(),
                    node.path("scalePeriods").asDouble(), node.path("window").asInt());
        };
    }

    static ObjectNode saturation(Saturation saturation) {
        ObjectNode node = NODES.objectNode();
        if (saturation instanceof HillSaturation hill) {
            node.put("type", SaturationType.HILL.key());
            node.put("alpha", hill.alpha());
            node.put("kappa", hill.kappa());
        } else if (saturation instanceof LogisticSaturation logistic) {
            node.put("type", SaturationType.LOGISTIC.key());
            node.put("mu", logistic.mu());
        }
        return node;
    }

    private static Saturation saturation(JsonNode node) {
        return switch (SaturationType.fromKey(node.path("type").asString())) {
            case HILL -> new HillSaturation(node.path("alpha").asDouble(), node.path("kappa").asDouble());
            case LOGISTIC -> new LogisticSaturation(node.path("mu").asDouble());
        };
    }

    // ---- diagnostics and provenance

    static ObjectNode diagnostics(FitDiagnostics diagnostics) {
        ObjectNode node = NODES.objectNode();
        node.put("r2", diagnostics.r2());
        node.put("nrmse", diagnostics.nrmse());
        node.put("decompRssd", diagnostics.decompRssd());
        if (!Double.isNaN(diagnostics.mapeLift())) {
            node.put("mapeLift", diagnostics.mapeLift());
        }
        if (diagnostics.holdout() != null) {
            ObjectNode holdout = node.putObject("holdout");
            holdout.put("periods", diagnostics.holdout().periods());
            holdout.put("r2", diagnostics.holdout().r2());
            holdout.put("nrmse", diagnostics.holdout().nrmse());
            holdout.put("mape", diagnostics.holdout().mape());
        }
        ArrayNode checks = node.putArray("liftChecks");
        for (FitDiagnostics.LiftCheck check : diagnostics.liftChecks()) {
            ObjectNode c = checks.addObject();
            c.set("test", liftTest(check.test()));
            c.put("estimated", check.estimated());
            c.put("agrees", check.agrees());
        }
        node.put("paretoFront", diagnostics.paretoFront());
        node.put("evaluations", diagnostics.evaluations());
        node.put("bootstrapReplicates", diagnostics.bootstrapReplicates());
        return node;
    }

    static FitDiagnostics diagnostics(JsonNode node) {
        JsonNode h = node.path("holdout");
        FitDiagnostics.Holdout holdout = h.isObject() ? new FitDiagnostics.Holdout(h.path("periods").asInt(),
                h.path("r2").asDouble(), h.path("nrmse").asDouble(), h.path("mape").asDouble()) : null;
        List<FitDiagnostics.LiftCheck> checks = new ArrayList<>();
        for (JsonNode c : node.path("liftChecks")) {
            checks.add(new FitDiagnostics.LiftCheck(liftTest(c.path("test")), c.path("estimated").asDouble(),
                    c.path("agrees").asBoolean()));
        }
        return new FitDiagnostics(node.path("r2").asDouble(), node.path("nrmse").asDouble(),
                node.path("decompRssd").asDouble(), node.has("mapeLift") ? node.path("mapeLift").asDouble()
                : Double.NaN, holdout, checks, node.path("paretoFront").asInt(), node.path("evaluations").asLong(),
                node.path("bootstrapReplicates").asInt());
    }

    static ObjectNode liftTest(LiftTest test) {
        ObjectNode node = NODES.objectNode();
        node.put("channel", test.channel());
        node.put("from", test.from().toString());
        node.put("to", test.to().toString());
        node.put("incremental", test.incremental());
        node.put("lower", test.lower());
        node.put("upper", test.upper());
        return node;
    }

    static LiftTest liftTest(JsonNode node) {
        return new LiftTest(node.path("channel").asString(), LocalDate.parse(node.path("from").asString()),
                LocalDate.parse(node.path("to").asString()), node.path("incremental").asDouble(),
                node.path("lower").asDouble(), node.path("upper").asDouble());
    }

    static ObjectNode settings(MixSettings settings) {
        ObjectNode node = NODES.objectNode();
        node.put("adstock", settings.adstock().key());
        node.put("saturation", settings.saturation().key());
        node.put("fourierOrder", settings.fourierOrder());
        node.put("trend", settings.trend());
        node.put("seasonalityGrowth", settings.seasonalityGrowth());
        node.put("folds", settings.folds());
        node.put("trials", settings.trials());
        node.put("generations", settings.generations());
        node.put("population", settings.population());
        node.put("bootstrapReplicates", settings.bootstrapReplicates());
        node.put("bootstrapGenerations", settings.bootstrapGenerations());
        node.put("blockLength", settings.blockLength());
        node.put("holdoutPeriods", settings.holdoutPeriods());
        node.put("decompWeight", settings.decompWeight());
        node.put("liftWeight", settings.liftWeight());
        node.put("intervalLevel", settings.intervalLevel());
        node.put("seed", settings.seed());
        return node;
    }

    static MixSettings settings(JsonNode node) {
        return new MixSettings(AdstockType.fromKey(node.path("adstock").asString()),
                SaturationType.fromKey(node.path("saturation").asString()), node.path("fourierOrder").asInt(),
                node.path("trend").asBoolean(), node.path("seasonalityGrowth").asBoolean(),
                node.path("folds").asInt(), node.path("trials").asInt(), node.path("generations").asInt(),
                node.path("population").asInt(), node.path("bootstrapReplicates").asInt(),
                node.path("bootstrapGenerations").asInt(), node.path("blockLength").asInt(),
                node.path("holdoutPeriods").asInt(), node.path("decompWeight").asDouble(),
                node.path("liftWeight").asDouble(), node.path("intervalLevel").asDouble(),
                node.path("seed").asLong());
    }

    static ObjectNode provenance(Provenance provenance) {
        ObjectNode node = NODES.objectNode();
        node.put("engine", provenance.engine());
        node.put("firstPeriod", provenance.firstPeriod().toString());
        node.put("lastPeriod", provenance.lastPeriod().toString());
        node.put("periods", provenance.periods());
        node.put("periodDays", provenance.periodDays());
        ArrayNode channels = node.putArray("channels");
        provenance.channels().forEach(channels::add);
        ArrayNode controls = node.putArray("controls");
        provenance.controls().forEach(controls::add);
        node.put("liftTests", provenance.liftTests());
        node.set("settings", settings(provenance.settings()));
        node.put("elapsedMillis", provenance.elapsedMillis());
        return node;
    }

    static Provenance provenance(JsonNode node) {
        return new Provenance(node.path("engine").asString(), LocalDate.parse(node.path("firstPeriod").asString()),
                LocalDate.parse(node.path("lastPeriod").asString()), node.path("periods").asInt(),
                node.path("periodDays").asInt(), strings(node.path("channels")), strings(node.path("controls")),
                node.path("liftTests").asInt(), settings(node.path("settings")), node.path("elapsedMillis").asLong());
    }

    // ---- helpers

    static ArrayNode numbers(double[] values) {
        ArrayNode array = NODES.arrayNode();
        for (double v : values) {
            array.add(v);
        }
        return array;
    }

    static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
