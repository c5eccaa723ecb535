package io.lotse.server.predict;

import io.lotse.engine.clv.BgNbd;
import io.lotse.engine.clv.CustomerOutlook;
import io.lotse.engine.clv.CustomerSummary;
import io.lotse.engine.clv.GammaGamma;
import io.lotse.engine.clv.LifetimeValue;
import io.lotse.engine.clv.ModelFit;
import io.lotse.engine.clv.PeriodUnit;
import io.lotse.engine.clv.Rfm;
import io.lotse.engine.clv.RfmInput;
import io.lotse.engine.clv.RfmScore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lifetime-value step of a training run: per-customer summaries from the activity, BG/NBD and Gamma-Gamma
 * fitted on every customer (Pareto/NBD is fitted for comparison by {@link ParetoComparison}), and per customer the
 * RFM scores,
 * P(alive), expected purchases in 90 days, the discounted 12-month value, its percentile, churn risk and the
 * expected next order date.
 *
 * <p>A customer is a profile with at least one order in the window. As in {@code ./lotse eval clv}, orders of one
 * day are one purchase whose value is the day's total (negative totals count as 0); the first purchase day starts
 * the customer's clock; frequency x counts the later purchase days, recency t<sub>x</sub> and age T run from the
 * first purchase day to the last one and to the window's last day, in the configured unit.
 */
final class LifetimeValueModels {

    static final int HORIZON_MONTHS = 12;
    static final int PURCHASE_HORIZON_DAYS = 90;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final PeriodUnit unit;
    private final List<CustomerSummary> customers;
    private final BgNbd purchases;
    private final GammaGamma spend;
    private final LifetimeValue lifetimeValue;
    private final ObjectNode parameters;
    private final ObjectNode metrics;

    private LifetimeValueModels(PeriodUnit unit, List<CustomerSummary> customers, BgNbd purchases,
                                GammaGamma spend, double monthlyDiscountRate, ObjectNode parameters,
                                ObjectNode metrics) {
        this.unit = unit;
        this.customers = List.copyOf(customers);
        this.purchases = purchases;
        this.spend = spend;
        this.lifetimeValue = new LifetimeValue(purchases, spend, unit, monthlyDiscountRate);
        this.parameters = parameters;
        this.metrics = metrics;
    }

    /**
     * Fits the models on the customers' summaries at the window's last day.
     *
     * @throws NotEnoughDataException when there are fewer customers or repeat customers than required, or the
     *                                spend per order cannot be modelled
     */
    static LifetimeValueModels fit(Activity activity, PredictProperties settings) {
        int lastDay = activity.lastEpochDay();
        List<CustomerSummary> customers = new ArrayList<>();
        for (int p = 0; p < activity.profileCount(); p++) {
            CustomerSummary summary = summaryAt(activity, p, lastDay, settings.unit());
            if (summary != null) {
                customers.add(summary);
            }
        }
        long repeat = customers.stream().filter(c -> c.frequency() > 0).count();
        if (customers.size() < settings.minCustomers() || repeat < settings.minRepeatCustomers()) {
            throw new NotEnoughDataException(("The data window holds %d customers with an order, %d of them with "
                    + "purchases on more than one day; the lifetime-value models need at least %d customers and %d "
                    + "repeat customers (lotse.predict.min-customers, lotse.predict.min-repeat-customers). Send or "
                    + "import more orders, or widen the data window.").formatted(customers.size(), repeat,
                    settings.minCustomers(), settings.minRepeatCustomers()));
        }
        ModelFit<BgNbd> bgnbd = BgNbd.fit(customers);
        ModelFit<GammaGamma> gammaGamma;
        try {
            gammaGamma = GammaGamma.fit(customers);
        } catch (IllegalArgumentException noRepeatValue) {
            throw new NotEnoughDataException("No repeat purchase has a positive value, so the spend per order "
                    + "cannot be modelled: " + noRepeatValue.getMessage() + ".");
        }
        if (gammaGamma.model().q() <= 1) {
            throw new NotEnoughDataException(("The spend per order varies too much between the %d repeat customers "
                    + "for a finite mean (Gamma-Gamma q = %.3f, needs q > 1); more repeat customers usually settle "
                    + "it.").formatted(gammaGamma.customers(), gammaGamma.model().q()));
        }

        ObjectNode parameters = NODES.objectNode();
        parameters.put("unit", settings.unit().name().toLowerCase(java.util.Locale.ROOT));
        parameters.put("zone", settings.zone().getId());
        parameters.put("horizon_months", HORIZON_MONTHS);
        parameters.put("monthly_discount_rate", settings.monthlyDiscountRate());
        ObjectNode bg = parameters.putObject("bgnbd");
        bg.put("r", bgnbd.model().r());
        bg.put("alpha", bgnbd.model().alpha());
        bg.put("a", bgnbd.model().a());
        bg.put("b", bgnbd.model().b());
        ObjectNode gg = parameters.putObject("gamma_gamma");
        gg.put("p", gammaGamma.model().p());
        gg.put("q", gammaGamma.model().q());
        gg.put("v", gammaGamma.model().gamma());

        ObjectNode metrics = NODES.objectNode();
        metrics.put("customers", customers.size());
        metrics.put("repeat_customers", repeat);
        metrics.set("bgnbd", fitMetrics(bgnbd));
        ObjectNode ggMetrics = fitMetrics(gammaGamma);
        ggMetrics.put("mean_spend", gammaGamma.model().meanSpend());
        metrics.set("gamma_gamma", ggMetrics);
        return new LifetimeValueModels(settings.unit(), customers, bgnbd.model(), gammaGamma.model(),
                settings.monthlyDiscountRate(), parameters, metrics);
    }

    /** At most {@code size} of the customers, drawn with the seed, in their original order. */
    List<CustomerSummary> sample(int size, long seed) {
        if (customers.size() <= size) {
            return customers;
        }
        int[] order = new int[customers.size()];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(order.length - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] chosen = Arrays.copyOf(order, size);
        Arrays.sort(chosen);
        List<CustomerSummary> sample = new ArrayList<>(size);
        for (int index : chosen) {
            sample.add(customers.get(index));
        }
        return sample;
    }

    static ObjectNode fitMetrics(ModelFit<?> fit) {
        ObjectNode node = NODES.objectNode();
        node.put("loglik", fit.logLikelihood());
        node.put("customers", fit.customers());
        node.put("iterations", fit.iterations());
        node.put("converged", fit.converged());
        return node;
    }

    /**
     * The customer summary of profile {@code p} at the end of day {@code endDay} (inclusive), from its days with
     * orders; null when it had no order by then.
     */
    static @Nullable CustomerSummary summaryAt(Activity activity, int p, int endDay, PeriodUnit unit) {
        int first = -1;
        int last = -1;
        int days = 0;
        double firstValue = 0;
        double total = 0;
        for (int row = activity.start[p]; row < activity.start[p + 1] && activity.day[row] <= endDay; row++) {
            if (activity.orders[row] == 0) {
                continue;
            }
            double value = Math.max(0, activity.revenue[row]);
            if (first < 0) {
                first = activity.day[row];
                firstValue = value;
            }
            last = activity.day[row];
            days++;
            total += value;
        }
        if (first < 0) {
            return null;
        }
        int frequency = days - 1;
        return new CustomerSummary(Long.toString(activity.profiles[p]), frequency, unit.fromDays(last - first),
                unit.fromDays(endDay - first), frequency == 0 ? 0 : (total - firstValue) / frequency);
    }

    /** The BG/NBD purchase model, for features of other models. */
    BgNbd purchases() {
        return purchases;
    }

    PeriodUnit unit() {
        return unit;
    }

    ObjectNode parameters() {
        return parameters;
    }

    ObjectNode metrics() {
        return metrics;
    }

    /** Scores every customer of the activity into the table, as of the window's last day. */
    void score(Activity activity, ScoreTable scores) {
        int lastDay = activity.lastEpochDay();
        LocalDate last = activity.lastDay;
        List<Integer> indices = new ArrayList<>();
        List<RfmInput> rfmInputs = new ArrayList<>();
        double sumAlive = 0;
        double sumPurchases = 0;
        double sumValue = 0;
        int failed = 0;
        for (int p = 0; p < activity.profileCount(); p++) {
            CustomerSummary customer = summaryAt(activity, p, lastDay, unit);
            if (customer == null) {
                continue;
            }
            indices.add(p);
            rfmInputs.add(new RfmInput(customer.customerId(), customer.age() - customer.recency(),
                    customer.frequency() + 1, totalValue(activity, p, lastDay)));
            try {
                CustomerOutlook outlook = lifetimeValue.outlook(customer, HORIZON_MONTHS);
                scores.probabilityAlive[p] = outlook.probabilityAlive();
                scores.churnRisk[p] = outlook.churnRisk();
                scores.expectedPurchases90Days[p] = purchases.expectedPurchases(customer,
                        unit.fromDays(PURCHASE_HORIZON_DAYS));
                scores.lifetimeValue[p] = outlook.lifetimeValue();
                scores.nextOrderDate[p] = outlook.expectedNextPurchase(last);
                sumAlive += outlook.probabilityAlive();
                sumPurchases += scores.expectedPurchases90Days[p];
                sumValue += outlook.lifetimeValue();
            } catch (ArithmeticException notConverged) {
                failed++;
            }
        }
        List<RfmScore> rfm = Rfm.score(rfmInputs);
        for (int i = 0; i < rfm.size(); i++) {
            int p = indices.get(i);
            RfmScore score = rfm.get(i);
            scores.rfmRecency[p] = score.recency();
            scores.rfmFrequency[p] = score.frequency();
            scores.rfmMonetary[p] = score.monetary();
            scores.rfmSegment[p] = score.segment();
        }
        percentiles(scores.lifetimeValue, scores.lifetimeValuePercentile);
        int scored = indices.size() - failed;
        metrics.put("scored_customers", scored);
        metrics.put("customers_not_scored", failed);
        metrics.put("mean_probability_alive", scored == 0 ? 0 : sumAlive / scored);
        metrics.put("expected_purchases_90d", sumPurchases);
        metrics.put("clv_12m_total", sumValue);
    }

    private static double totalValue(Activity activity, int p, int lastDay) {
        double total = 0;
        for (int row = activity.start[p]; row < activity.start[p + 1] && activity.day[row] <= lastDay; row++) {
            if (activity.orders[row] > 0) {
                total += Math.max(0, activity.revenue[row]);
            }
        }
        return total;
    }

    /**
     * The percent rank of every finite value among the finite values, 0 to 100 (PostgreSQL's percent_rank: the
     * share of other values that are strictly smaller); ties share their rank.
     */
    static void percentiles(double[] values, double[] into) {
        double[] sorted = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        int n = sorted.length;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                continue;
            }
            int smaller = lowerBound(sorted, values[i]);
            into[i] = n <= 1 ? 0 : 100.0 * smaller / (n - 1);
        }
    }

    private static int lowerBound(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
