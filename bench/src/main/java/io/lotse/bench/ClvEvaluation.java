package io.lotse.bench;

import io.lotse.engine.clv.BgNbd;
import io.lotse.engine.clv.CustomerSummary;
import io.lotse.engine.clv.GammaGamma;
import io.lotse.engine.clv.LifetimeValue;
import io.lotse.engine.clv.ModelFit;
import io.lotse.engine.clv.ParetoNbd;
import io.lotse.engine.clv.PurchaseModel;
import io.lotse.engine.clv.Rfm;
import io.lotse.engine.clv.RfmScore;
import io.lotse.engine.clv.RfmSegment;
import io.lotse.engine.clv.TransactionSummaries;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fits the customer-lifetime-value models to a transaction file and measures them: summarises the purchases up to
 * the calibration end, fits BG/NBD, Pareto/NBD and Gamma-Gamma, compares the expected purchases after the
 * calibration end with the actual ones when the file goes on, and, with {@code --truth}, compares the predictions
 * with a simulated shop's latent per-customer parameters.
 *
 * <p>Human-readable details go to standard error. The last line of standard output is one JSON object:
 * {@code {"customers":N,"bgnbd":{"r":..,"alpha":..,"a":..,"b":..,"loglik":..},"pareto_nbd":{"r":..,"alpha":..,
 * "s":..,"beta":..,"loglik":..},"gamma_gamma":{"p":..,"q":..,"v":..}, ...}} followed by {@code unit},
 * {@code fit_details}, {@code clv_12_months}, and {@code holdout} and {@code truth} when they apply. Exit codes: 0
 * success, 2 bad options or input (with a message naming the file and line), 1 failure.
 */
public final class ClvEvaluation {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int CLV_MONTHS = 12;
    private static final EvaluationCommand<ClvOptions> COMMAND = new EvaluationCommand<>("clv", ClvOptions.USAGE,
            ClvOptions::parse, options -> options.transactions().toString(), ClvEvaluation::evaluate);

    private ClvEvaluation() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the evaluation and returns its exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return COMMAND.run(args, out, err);
    }

    private static ObjectNode evaluate(ClvOptions options, PrintStream err) throws IOException {
        ShopTruth truth = options.truth() == null ? null : ShopTruth.read(options.truth());
        TransactionSummaries.Builder builder = TransactionSummaries.builder(options.calibrationEnd(), options.unit());
        TransactionFile.Counts counts = TransactionFile.read(options, builder);
        TransactionSummaries summaries = builder.build();
        List<CustomerSummary> customers = summaries.customers();
        String unit = options.unit().name().toLowerCase(Locale.ROOT);
        long repeatBuyers = customers.stream().filter(c -> c.frequency() > 0).count();
        err.printf(Locale.ROOT, "Read %,d transactions (last day %s)%s.%n", counts.transactions(),
                summaries.lastDay(), counts.withoutCustomer() == 0 ? ""
                        : String.format(Locale.ROOT, "; skipped %,d rows without a customer id",
                                counts.withoutCustomer()));
        err.printf(Locale.ROOT, "Calibration period up to %s: %,d customers, %,d with repeat purchases; %,d"
                + " customers first seen later are left out. Times in %s.%n", summaries.calibrationEnd(),
                customers.size(), repeatBuyers, summaries.customersFirstSeenLater(), unit);

        ModelFit<BgNbd> bgNbd = timed(err, "BG/NBD", () -> BgNbd.fit(customers));
        ModelFit<ParetoNbd> paretoNbd = timed(err, "Pareto/NBD", () -> ParetoNbd.fit(customers));
        ModelFit<GammaGamma> gammaGamma = timed(err, "Gamma-Gamma", () -> GammaGamma.fit(customers));

        ObjectNode result = NODES.objectNode();
        result.put("customers", customers.size());
        BgNbd bg = bgNbd.model();
        ObjectNode bgNode = result.putObject("bgnbd");
        bgNode.put("r", round(bg.r()));
        bgNode.put("alpha", round(bg.alpha()));
        bgNode.put("a", round(bg.a()));
        bgNode.put("b", round(bg.b()));
        bgNode.put("loglik", round(bgNbd.logLikelihood()));
        ParetoNbd pareto = paretoNbd.model();
        ObjectNode paretoNode = result.putObject("pareto_nbd");
        paretoNode.put("r", round(pareto.r()));
        paretoNode.put("alpha", round(pareto.alpha()));
        paretoNode.put("s", round(pareto.s()));
        paretoNode.put("beta", round(pareto.beta()));
        paretoNode.put("loglik", round(paretoNbd.logLikelihood()));
        GammaGamma spend = gammaGamma.model();
        ObjectNode spendNode = result.putObject("gamma_gamma");
        spendNode.put("p", round(spend.p()));
        spendNode.put("q", round(spend.q()));
        spendNode.put("v", round(spend.gamma()));

        result.put("unit", unit);
        result.put("calibration_end", summaries.calibrationEnd().toString());
        ObjectNode details = result.putObject("fit_details");
        details(details.putObject("bgnbd"), bgNbd);
        details(details.putObject("pareto_nbd"), paretoNbd);
        ObjectNode spendDetails = details(details.putObject("gamma_gamma"), gammaGamma);
        spendDetails.put("loglik", round(gammaGamma.logLikelihood()));

        lifetimeValue(result, bg, spend, options, customers, err);
        segments(summaries, err);
        if (summaries.holdoutLength() > 0) {
            holdout(result.putObject("holdout"), summaries, bg, pareto, err);
        } else {
            err.println("No purchases after the calibration end: no holdout comparison.");
        }
        if (truth != null) {
            truth(result.putObject("truth"), truth, summaries, bg, pareto, spend, err);
        }
        return result;
    }

    private static <M> ModelFit<M> timed(PrintStream err, String name, Supplier<ModelFit<M>> fit) {
        long start = System.nanoTime();
        ModelFit<M> result = fit.get();
        err.printf(Locale.ROOT, "%-11s %s%n            log-likelihood %.2f on %,d customers, %d iterations, %s,"
                + " %.2f s%n", name, result.model(), result.logLikelihood(), result.customers(), result.iterations(),
                result.converged() ? "converged" : "NOT converged", (System.nanoTime() - start) / 1e9);
        return result;
    }

    private static ObjectNode details(ObjectNode node, ModelFit<?> fit) {
        node.put("customers", fit.customers());
        node.put("iterations", fit.iterations());
        node.put("converged", fit.converged());
        return node;
    }

    private static void lifetimeValue(ObjectNode result, BgNbd purchases, GammaGamma spend, ClvOptions options,
            List<CustomerSummary> customers, PrintStream err) {
        if (spend.q() <= 1) {
            err.println("Gamma-Gamma q <= 1: the mean spend is infinite, no lifetime value.");
            return;
        }
        LifetimeValue value = new LifetimeValue(purchases, spend, options.unit());
        double total = 0;
        for (CustomerSummary customer : customers) {
            total += value.value(customer, CLV_MONTHS);
        }
        double mean = total / customers.size();
        err.printf(Locale.ROOT, "%d-month lifetime value (BG/NBD x Gamma-Gamma, %.0f%% a month discount): mean %.2f,"
                + " total %.2f%n", CLV_MONTHS, 100 * value.monthlyDiscountRate(), mean, total);
        ObjectNode node = result.putObject("clv_12_months");
        node.put("mean", round(mean));
        node.put("total", round(total));
        node.put("monthly_discount_rate", value.monthlyDiscountRate());
    }

    private static void segments(TransactionSummaries summaries, PrintStream err) {
        Map<RfmSegment, Integer> counts = new EnumMap<>(RfmSegment.class);
        for (RfmScore score : Rfm.score(summaries.rfmInputs())) {
            counts.merge(score.segment(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((segment, count) -> parts.add(segment.englishName() + " " + count));
        err.println("RFM segments at the calibration end: " + String.join(", ", parts));
    }

    private static void holdout(ObjectNode node, TransactionSummaries summaries, BgNbd bg, ParetoNbd pareto,
            PrintStream err) {
        double length = summaries.holdoutLength();
        List<CustomerSummary> customers = summaries.customers();
        double[] actual = new double[customers.size()];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = summaries.holdoutPurchases().get(customers.get(i).customerId());
        }
        double actualTotal = sum(actual);
        node.put("length", round(length));
        node.put("customers", customers.size());
        node.put("actual", actualTotal);
        err.printf(Locale.ROOT, "Holdout %s to %s (%.2f %s): %,.0f repeat purchases%n",
                summaries.calibrationEnd().plusDays(1), summaries.lastDay(), length,
                summaries.unit().name().toLowerCase(Locale.ROOT), actualTotal);
        holdoutModel(node.putObject("bgnbd"), "BG/NBD", bg, customers, length, actual, err);
        holdoutModel(node.putObject("pareto_nbd"), "Pareto/NBD", pareto, customers, length, actual, err);
    }

    private static void holdoutModel(ObjectNode node, String name, PurchaseModel model,
            List<CustomerSummary> customers, double length, double[] actual, PrintStream err) {
        double[] predicted = new double[customers.size()];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = model.expectedPurchases(customers.get(i), length);
        }
        double mae = Agreement.meanAbsoluteError(predicted, actual);
        double correlation = Agreement.pearson(predicted, actual);
        node.put("predicted", round(sum(predicted)));
        node.put("mae", round(mae));
        putNumber(node, "correlation", correlation);
        err.printf(Locale.ROOT, "  %-11s predicted %,.1f; per customer MAE %.3f, correlation %.3f%n", name,
                sum(predicted), mae, correlation);
    }

    private static void truth(ObjectNode node, ShopTruth truth, TransactionSummaries summaries, BgNbd bg,
            ParetoNbd pareto, GammaGamma spend, PrintStream err) {
        Instant end = summaries.calibrationEnd().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        double unitsPerWeek = summaries.unit().fromDays(7);
        List<Double> predictedRate = new ArrayList<>();
        List<Double> trueRate = new ArrayList<>();
        List<Double> predictedSpend = new ArrayList<>();
        List<Double> trueSpend = new ArrayList<>();
        List<Double> aliveBg = new ArrayList<>();
        List<Double> alivePareto = new ArrayList<>();
        List<Boolean> alive = new ArrayList<>();
        for (CustomerSummary customer : summaries.customers()) {
            ShopTruth.Customer known = truth.customers().get(customer.customerId());
            if (known == null) {
                continue;
            }
            predictedRate.add(bg.expectedPurchaseRate(customer) * unitsPerWeek);
            trueRate.add(known.transactionRatePerWeek());
            if (customer.frequency() > 0 && spend.q() > 1) {
                predictedSpend.add(spend.expectedAverageSpend(customer));
                trueSpend.add(known.expectedOrderValue());
            }
            aliveBg.add(bg.probabilityAlive(customer));
            alivePareto.add(pareto.probabilityAlive(customer));
            alive.add(known.aliveAt(end));
        }
        if (trueRate.isEmpty()) {
            throw new IllegalArgumentException("--truth: no customer id of the transactions is a user_id of the"
                    + " truth's customers.csv; for a simulated shop's orders.csv use --customer-col customer_number");
        }
        boolean[] aliveArray = new boolean[alive.size()];
        for (int i = 0; i < aliveArray.length; i++) {
            aliveArray[i] = alive.get(i);
        }
        double rateCorrelation = Agreement.pearson(array(predictedRate), array(trueRate));
        double rateRank = Agreement.spearman(array(predictedRate), array(trueRate));
        double spendCorrelation = Agreement.pearson(array(predictedSpend), array(trueSpend));
        double spendRank = Agreement.spearman(array(predictedSpend), array(trueSpend));
        double aucBg = Agreement.areaUnderCurve(array(aliveBg), aliveArray);
        double aucPareto = Agreement.areaUnderCurve(array(alivePareto), aliveArray);
        node.put("customers_matched", trueRate.size());
        putNumber(node, "purchase_rate_correlation", rateCorrelation);
        putNumber(node, "purchase_rate_rank_correlation", rateRank);
        putNumber(node, "spend_correlation", spendCorrelation);
        putNumber(node, "spend_rank_correlation", spendRank);
        node.put("alive_at_calibration_end", alive.stream().filter(a -> a).count());
        putNumber(node, "alive_auc_bgnbd", aucBg);
        putNumber(node, "alive_auc_pareto_nbd", aucPareto);
        err.printf(Locale.ROOT, "Truth (%,d customers matched): purchase rate per week vs BG/NBD E[λ | alive]:"
                + " Pearson %.3f, Spearman %.3f%n", trueRate.size(), rateCorrelation, rateRank);
        err.printf(Locale.ROOT, "  mean order value vs Gamma-Gamma E[M] (%,d repeat buyers): Pearson %.3f,"
                + " Spearman %.3f%n", trueSpend.size(), spendCorrelation, spendRank);
        err.printf(Locale.ROOT, "  alive at the calibration end (%,d of %,d): AUC of P(alive) BG/NBD %.3f,"
                + " Pareto/NBD %.3f%n", node.get("alive_at_calibration_end").asLong(), alive.size(), aucBg,
                aucPareto);
        JsonNode population = truth.population();
        if (population != null) {
            copy(population.path("bg_nbd"), node.putObject("population_bgnbd"), "r", "alpha", "a", "b");
            copy(population.path("gamma_gamma"), node.putObject("population_gamma_gamma"), "p", "q", "gamma");
            err.println("  population truth: BG/NBD " + node.get("population_bgnbd") + " (weeks), Gamma-Gamma "
                    + node.get("population_gamma_gamma"));
        }
    }

    private static void copy(JsonNode from, ObjectNode to, String... names) {
        for (String name : names) {
            if (from.path(name).isNumber()) {
                to.put(name, from.path(name).asDouble());
            }
        }
    }

    private static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, round(value));
        } else {
            node.putNull(name);
        }
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum;
    }

    /** Six significant digits: enough to compare with published figures, short enough to read. */
    static double round(double value) {
        return Double.isFinite(value) ? Double.parseDouble(String.format(Locale.ROOT, "%.6g", value)) : value;
    }
}
