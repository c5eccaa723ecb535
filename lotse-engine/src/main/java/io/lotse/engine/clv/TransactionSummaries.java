package io.lotse.engine.clv;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Per-customer summaries of transactions up to the end of a calibration period, and what happened after it.
 *
 * <p>Purchases of one customer on one day count as one purchase whose value is the sum of that day's amounts. The
 * calibration period ends with {@code calibrationEnd} (inclusive); later transactions do not enter the summaries but
 * are counted as holdout purchases of the customers summarised. Customers whose first purchase falls after the
 * calibration end are not summarised (the models know nothing about them yet); {@link #customersFirstSeenLater()}
 * counts them. Summaries and maps are ordered by customer id.
 */
public final class TransactionSummaries {

    private final LocalDate calibrationEnd;
    private final PeriodUnit unit;
    private final List<CustomerSummary> customers;
    private final List<RfmInput> rfmInputs;
    private final Map<String, Integer> holdoutPurchases;
    private final LocalDate lastDay;
    private final int customersFirstSeenLater;

    private TransactionSummaries(LocalDate calibrationEnd, PeriodUnit unit, List<CustomerSummary> customers,
            List<RfmInput> rfmInputs, Map<String, Integer> holdoutPurchases, LocalDate lastDay,
            int customersFirstSeenLater) {
        this.calibrationEnd = calibrationEnd;
        this.unit = unit;
        this.customers = List.copyOf(customers);
        this.rfmInputs = List.copyOf(rfmInputs);
        this.holdoutPurchases = Collections.unmodifiableMap(holdoutPurchases);
        this.lastDay = lastDay;
        this.customersFirstSeenLater = customersFirstSeenLater;
    }

    /** A builder that summarises transactions as they are added. */
    public static Builder builder(LocalDate calibrationEnd, PeriodUnit unit) {
        return new Builder(calibrationEnd, unit);
    }

    /** Summarises the given transactions. */
    public static TransactionSummaries of(Collection<Transaction> transactions, LocalDate calibrationEnd,
            PeriodUnit unit) {
        Builder builder = builder(calibrationEnd, unit);
        transactions.forEach(builder::add);
        return builder.build();
    }

    /** The last day of the calibration period. */
    public LocalDate calibrationEnd() {
        return calibrationEnd;
    }

    /** The unit of every time in the summaries. */
    public PeriodUnit unit() {
        return unit;
    }

    /** One summary per customer whose first purchase is on or before the calibration end. */
    public List<CustomerSummary> customers() {
        return customers;
    }

    /**
     * RFM inputs of the same customers at the calibration end: time since the last purchase, purchase days
     * (the first one included) and total value.
     */
    public List<RfmInput> rfmInputs() {
        return rfmInputs;
    }

    /** Purchase days after the calibration end, for every summarised customer (0 for those without). */
    public Map<String, Integer> holdoutPurchases() {
        return holdoutPurchases;
    }

    /** The last day with a transaction, calibration or holdout. */
    public LocalDate lastDay() {
        return lastDay;
    }

    /** Time from the calibration end to the last transaction day, in the unit; 0 when nothing came after. */
    public double holdoutLength() {
        return lastDay.isAfter(calibrationEnd) ? unit.fromDays(ChronoUnit.DAYS.between(calibrationEnd, lastDay)) : 0;
    }

    /** Customers whose first purchase came after the calibration end. */
    public int customersFirstSeenLater() {
        return customersFirstSeenLater;
    }

    /** Collects transactions; not thread-safe. */
    public static final class Builder {

        private final LocalDate calibrationEnd;
        private final PeriodUnit unit;
        private final Map<String, TreeMap<LocalDate, Double>> dayTotals = new HashMap<>();

        private Builder(LocalDate calibrationEnd, PeriodUnit unit) {
            this.calibrationEnd = Objects.requireNonNull(calibrationEnd, "calibrationEnd");
            this.unit = Objects.requireNonNull(unit, "unit");
        }

        /**
         * Adds a purchase.
         *
         * @throws IllegalArgumentException for a blank customer id or an amount that is negative or not finite
         */
        public Builder add(String customerId, LocalDate day, double amount) {
            return add(new Transaction(customerId, day, amount));
        }

        /** Adds a purchase. */
        public Builder add(Transaction transaction) {
            dayTotals.computeIfAbsent(transaction.customerId(), id -> new TreeMap<>())
                    .merge(transaction.day(), transaction.amount(), Double::sum);
            return this;
        }

        /**
         * Summarises what was added.
         *
         * @throws IllegalArgumentException when nothing was added or every purchase is after the calibration end
         */
        public TransactionSummaries build() {
            if (dayTotals.isEmpty()) {
                throw new IllegalArgumentException("no transactions to summarise");
            }
            List<String> ids = new ArrayList<>(dayTotals.keySet());
            Collections.sort(ids);
            List<CustomerSummary> customers = new ArrayList<>();
            List<RfmInput> rfm = new ArrayList<>();
            Map<String, Integer> holdout = new LinkedHashMap<>();
            LocalDate firstDay = LocalDate.MAX;
            LocalDate lastDay = LocalDate.MIN;
            int later = 0;
            for (String id : ids) {
                TreeMap<LocalDate, Double> days = dayTotals.get(id);
                LocalDate first = days.firstKey();
                firstDay = first.isBefore(firstDay) ? first : firstDay;
                lastDay = days.lastKey().isAfter(lastDay) ? days.lastKey() : lastDay;
                if (first.isAfter(calibrationEnd)) {
                    later++;
                    continue;
                }
                NavigableMap<LocalDate, Double> calibration = days.headMap(calibrationEnd, true);
                int frequency = calibration.size() - 1;
                double total = 0;
                for (double value : calibration.values()) {
                    total += value;
                }
                double repeatValue = total - calibration.firstEntry().getValue();
                double recency = unit.fromDays(ChronoUnit.DAYS.between(first, calibration.lastKey()));
                double age = unit.fromDays(ChronoUnit.DAYS.between(first, calibrationEnd));
                customers.add(new CustomerSummary(id, frequency, recency, age,
                        frequency == 0 ? 0 : repeatValue / frequency));
                rfm.add(new RfmInput(id, age - recency, frequency + 1, total));
                holdout.put(id, days.size() - calibration.size());
            }
            if (customers.isEmpty()) {
                throw new IllegalArgumentException("the calibration end " + calibrationEnd
                        + " is before the first purchase " + firstDay);
            }
            return new TransactionSummaries(calibrationEnd, unit, customers, rfm, holdout, lastDay, later);
        }
    }
}
