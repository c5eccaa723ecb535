package io.lotse.engine.propensity;

import io.lotse.engine.clv.BgNbd;
import io.lotse.engine.clv.CustomerSummary;
import io.lotse.engine.clv.PeriodUnit;
import io.lotse.engine.clv.Transaction;
import io.lotse.engine.clv.TransactionSummaries;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A BG/NBD model's view of each customer as extra propensity features: {@value #PROBABILITY_ALIVE}, the
 * probability that the customer is still active, and {@value #EXPECTED_PURCHASES}, the purchase days the model
 * expects in the horizon. Both summarise recency, frequency and tenure the way the repeat-buying model weighs
 * them, which a learner would otherwise have to find on its own.
 *
 * <p>The BG/NBD is fitted on the customers' orders before the cutoff only, and needs no outcome, so fitting it on
 * every customer (those later scored included) leaks nothing about the labels. Purchase days are UTC calendar days;
 * time is measured in weeks.
 */
public final class PurchaseModelFeatures {

    public static final String PROBABILITY_ALIVE = "bgnbd_p_alive";
    public static final String EXPECTED_PURCHASES = "bgnbd_expected_purchases";
    /** The names, to declare on a {@link FeatureBuilder}. */
    public static final List<String> NAMES = List.of(PROBABILITY_ALIVE, EXPECTED_PURCHASES);

    private static final PeriodUnit UNIT = PeriodUnit.WEEKS;

    private final BgNbd model;
    private final Map<String, CustomerSummary> summaries;
    private final double horizon;

    private PurchaseModelFeatures(BgNbd model, Map<String, CustomerSummary> summaries, double horizon) {
        this.model = model;
        this.summaries = summaries;
        this.horizon = horizon;
    }

    /**
     * Summarises every customer's orders before {@code window.cutoff()} and fits a BG/NBD on the summaries of the
     * customers in {@code fitOn} (all of them when it is null).
     *
     * @param ordersByCustomer orders per customer id, in any order; customers without an order before the cutoff
     *                         get no features
     * @throws IllegalArgumentException when no customer ordered before the cutoff or none of those fitted on bought
     *                                  twice
     */
    public static PurchaseModelFeatures fit(Map<String, List<Order>> ordersByCustomer, DataWindow window,
                                            @Nullable List<String> fitOn) {
        LocalDate calibrationEnd = LocalDate.ofInstant(window.cutoff(), ZoneOffset.UTC).minusDays(1);
        List<Transaction> transactions = new ArrayList<>();
        for (var entry : ordersByCustomer.entrySet()) {
            for (Order order : entry.getValue()) {
                if (order.at().isBefore(window.cutoff())) {
                    transactions.add(new Transaction(entry.getKey(), day(order.at()), order.amount()));
                }
            }
        }
        if (transactions.isEmpty()) {
            throw new IllegalArgumentException("no customer ordered before " + window.cutoff());
        }
        Map<String, CustomerSummary> summaries = new HashMap<>();
        for (CustomerSummary summary : TransactionSummaries.of(transactions, calibrationEnd, UNIT).customers()) {
            summaries.put(summary.customerId(), summary);
        }
        List<CustomerSummary> fitted = fitOn == null ? List.copyOf(summaries.values())
                : fitOn.stream().map(summaries::get).filter(Objects::nonNull).toList();
        BgNbd model = BgNbd.fit(fitted).model();
        return new PurchaseModelFeatures(model, summaries, UNIT.fromDays(window.horizonDays()));
    }

    /** The fitted BG/NBD, in weeks. */
    public BgNbd model() {
        return model;
    }

    /** The customer's features; both {@code NaN} for a customer without an order before the cutoff. */
    public List<ExtraFeature> of(String customerId) {
        CustomerSummary summary = summaries.get(customerId);
        if (summary == null) {
            return List.of(new ExtraFeature(PROBABILITY_ALIVE, Double.NaN),
                    new ExtraFeature(EXPECTED_PURCHASES, Double.NaN));
        }
        return List.of(new ExtraFeature(PROBABILITY_ALIVE, model.probabilityAlive(summary)),
                new ExtraFeature(EXPECTED_PURCHASES, expectedPurchases(summary)));
    }

    private double expectedPurchases(CustomerSummary summary) {
        try {
            return model.expectedPurchases(summary, horizon);
        } catch (ArithmeticException notConverged) {
            return Double.NaN;
        }
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
