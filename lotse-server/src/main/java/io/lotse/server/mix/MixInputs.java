package io.lotse.server.mix;

import io.lotse.engine.mix.MixData;
import io.lotse.engine.mix.ShoppingHolidays;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.time.Clock;
import java.time.DayOfWeek;
import org.springframework.stereotype.Component;

/**
 * Assembles the weekly data of a fit: the weeks covered both by spend imports and by orders in the event log,
 * complete weeks only (the week of the first order and the current week are left out), every channel with spend
 * in them, the outcome of each week and, optionally, the retail calendar's holiday controls.
 */
@Component
class MixInputs {

    private final SpendStore spend;
    private final OrderQueries orders;
    private final Clock clock = Clock.systemUTC();

    MixInputs(SpendStore spend, OrderQueries orders) {
        this.spend = spend;
        this.orders = orders;
    }

    MixData assemble(MixOutcome outcome, boolean holidays) {
        TreeMap<LocalDate, Map<String, Double>> spendWeeks = spend.weeks();
        if (spendWeeks.isEmpty()) {
            throw new MixDataException("No spend has been imported yet: import weekly spend per channel first "
                    + "(POST /api/v1/mix/spend or ./lotse import spend FILE).");
        }
        OrderQueries.Weeks orderWeeks = orders.weekly();
        if (orderWeeks.first() == null) {
            throw new MixDataException("The event log holds no 'Order Completed' events, so there is no outcome to "
                    + "explain: track orders or import them (./lotse import orders FILE).");
        }
        LocalDate currentWeek = LocalDate.now(clock.withZone(OrderQueries.ZONE))
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate firstOrderWeek = orderWeeks.first().atZone(OrderQueries.ZONE).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate lastOrderWeek = orderWeeks.last().atZone(OrderQueries.ZONE).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate start = max(spendWeeks.firstKey(), firstOrderWeek.plusWeeks(1));
        LocalDate end = min(min(spendWeeks.lastKey(), lastOrderWeek), currentWeek.minusWeeks(1));
        if (end.isBefore(start)) {
            throw new MixDataException("Spend (" + spendWeeks.firstKey() + " to " + spendWeeks.lastKey()
                    + ") and complete weeks of orders (" + firstOrderWeek.plusWeeks(1) + " to "
                    + min(lastOrderWeek, currentWeek.minusWeeks(1)) + ") do not overlap.");
        }
        List<LocalDate> weeks = new ArrayList<>();
        for (LocalDate week = start; !week.isAfter(end); week = week.plusWeeks(1)) {
            weeks.add(week);
        }
        List<String> channels = new ArrayList<>();
        for (LocalDate week : weeks) {
            for (Map.Entry<String, Double> entry : spendWeeks.getOrDefault(week, Map.of()).entrySet()) {
                if (entry.getValue() > 0 && !channels.contains(entry.getKey())) {
                    channels.add(entry.getKey());
                }
            }
        }
        channels.sort(null);
        if (channels.isEmpty()) {
            throw new MixDataException("No channel has spend in the weeks with orders (" + start + " to " + end + ").");
        }
        double[] values = new double[weeks.size()];
        double[][] spendRows = new double[channels.size()][weeks.size()];
        for (int t = 0; t < weeks.size(); t++) {
            OrderQueries.Week week = orderWeeks.weeks().get(weeks.get(t));
            values[t] = week == null ? 0 : outcome == MixOutcome.REVENUE ? week.revenue() : week.orders();
            Map<String, Double> row = spendWeeks.getOrDefault(weeks.get(t), Map.of());
            for (int c = 0; c < channels.size(); c++) {
                spendRows[c][t] = row.getOrDefault(channels.get(c), 0.0);
            }
        }
        if (weeks.size() < MixData.MIN_PERIODS) {
            throw new MixDataException("Only " + weeks.size() + " complete weeks have both spend and orders ("
                    + start + " to " + end + "); a marketing-mix model needs at least " + MixData.MIN_PERIODS
                    + ", better a year or more.");
        }
        MixData data;
        try {
            data = new MixData(weeks, values, channels, spendRows, List.of(), new double[0][]);
        } catch (IllegalArgumentException e) {
            throw new MixDataException(e.getMessage());
        }
        return holidays ? data.withControls(ShoppingHolidays.NAMES, ShoppingHolidays.controls(weeks, 7)) : data;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
