package io.lotse.engine.mix;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * Control variables from the calendar of European online retail, as Robyn takes holidays from Prophet: for every
 * period the share of its days inside each event window. Only the dates are known here, never the size of the
 * events' effects, which the model estimates.
 *
 * <ul>
 *   <li>{@code holiday_black_friday}: four days before Black Friday to Cyber Monday</li>
 *   <li>{@code holiday_christmas_shopping}: 1 to 23 December, outside the Black Friday window</li>
 *   <li>{@code holiday_christmas_days}: 24 to 26 December</li>
 *   <li>{@code holiday_easter}: nine days before Easter Sunday to Easter Monday</li>
 * </ul>
 */
public final class ShoppingHolidays {

    /** The names of the controls, in the order of {@link #controls}. */
    public static final List<String> NAMES = List.of("holiday_black_friday", "holiday_christmas_shopping",
            "holiday_christmas_days", "holiday_easter");

    private ShoppingHolidays() {}

    /** {@code controls[event][period]}: the share of the period's days inside each event window. */
    public static double[][] controls(List<LocalDate> periods, int periodDays) {
        double[][] values = new double[NAMES.size()][periods.size()];
        for (int t = 0; t < periods.size(); t++) {
            for (int d = 0; d < periodDays; d++) {
                int event = eventOf(periods.get(t).plusDays(d));
                if (event >= 0) {
                    values[event][t] += 1.0 / periodDays;
                }
            }
        }
        return values;
    }

    /** The event window a day falls in, or −1. */
    static int eventOf(LocalDate day) {
        long fromBlackFriday = ChronoUnit.DAYS.between(blackFriday(day.getYear()), day);
        if (fromBlackFriday >= -4 && fromBlackFriday <= 3) {
            return 0;
        }
        if (day.getMonth() == Month.DECEMBER && day.getDayOfMonth() <= 23) {
            return 1;
        }
        if (day.getMonth() == Month.DECEMBER && day.getDayOfMonth() <= 26) {
            return 2;
        }
        long fromEaster = ChronoUnit.DAYS.between(easterSunday(day.getYear()), day);
        if (fromEaster >= -9 && fromEaster <= 1) {
            return 3;
        }
        return -1;
    }

    /** The day after the fourth Thursday of November. */
    public static LocalDate blackFriday(int year) {
        return LocalDate.of(year, Month.NOVEMBER, 1).with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY))
                .plusDays(1);
    }

    /** Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
