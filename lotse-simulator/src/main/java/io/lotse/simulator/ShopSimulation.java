package io.lotse.simulator;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A seeded, deterministic synthetic European online shop with known ground truth.
 *
 * <pre>{@code
 * SimulationSummary summary = ShopSimulation.builder().customers(5000).days(180).seed(42)
 *         .start(LocalDate.of(2026, 1, 1)).build().run(new FileShopSink(Path.of("shop")));
 * }</pre>
 *
 * <p>The same configuration always produces the same output. Customer k is the same person whatever the number
 * of customers (except for shop-wide sequences such as order numbers).
 */
public final class ShopSimulation {

    /** Changes whenever the same configuration would produce different output. */
    public static final String GENERATOR_VERSION = "lotse-simulator/1";

    private final int customers;
    private final int days;
    private final long seed;
    private final LocalDate start;
    private final int historyDays;
    private final ShopParameters parameters;

    private ShopSimulation(Builder builder) {
        this.customers = builder.customers;
        this.days = builder.days;
        this.seed = builder.seed;
        this.start = builder.start != null ? builder.start : LocalDate.now(ShopCalendar.ZONE).minusDays(builder.days);
        this.historyDays = builder.historyDays;
        this.parameters = builder.parameters;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What this simulation will produce. */
    public SimulationInfo info() {
        ShopCalendar calendar = new ShopCalendar(start, days, historyDays);
        return new SimulationInfo(seed, customers, days, start, calendar.end, calendar.historyStart,
                GENERATOR_VERSION, parameters);
    }

    /** Generates the shop into the sink. The sink is not closed. */
    public SimulationSummary run(ShopSink sink) {
        Objects.requireNonNull(sink, "sink");
        return new ShopRun(info(), historyDays, sink).run();
    }

    /**
     * Live traffic after this shop's history: visits of its people stamped with the clock's current time. Building
     * it takes about as long as creating the customers; the history itself is not replayed.
     */
    public LiveShop live(Clock clock) {
        return new LiveShop(info(), historyDays, clock);
    }

    /** Configures a simulation; every setting has a default. */
    public static final class Builder {
        private int customers = 5000;
        private int days = 180;
        private long seed = 42;
        private @Nullable LocalDate start;
        private int historyDays = 365;
        private ShopParameters parameters = ShopParameters.defaults();

        private Builder() {}

        /** Number of customers, at least 1 (default 5000). */
        public Builder customers(int customers) {
            if (customers < 1 || customers > 10_000_000) {
                throw new IllegalArgumentException("customers must be between 1 and 10,000,000, was " + customers);
            }
            this.customers = customers;
            return this;
        }

        /** Length of the tracked window in days, 1 to 3660 (default 180). */
        public Builder days(int days) {
            if (days < 1 || days > 3660) {
                throw new IllegalArgumentException("days must be between 1 and 3660, was " + days);
            }
            this.days = days;
            return this;
        }

        /** The seed (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** First day of the tracked window (default: today minus {@code days}, in Europe/Berlin). */
        public Builder start(LocalDate start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /** Days of history before the window with orders and spend but no events, 0 to 1830 (default 365). */
        public Builder historyDays(int historyDays) {
            if (historyDays < 0 || historyDays > 1830) {
                throw new IllegalArgumentException("historyDays must be between 0 and 1830, was " + historyDays);
            }
            this.historyDays = historyDays;
            return this;
        }

        /** Population-level truth (default {@link ShopParameters#defaults()}). */
        public Builder parameters(ShopParameters parameters) {
            this.parameters = Objects.requireNonNull(parameters, "parameters");
            return this;
        }

        public ShopSimulation build() {
            return new ShopSimulation(this);
        }
    }
}
