package io.lotse.simulator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;

/**
 * The simulated time span and its rhythms. The span runs from {@code historyStart} (a Monday: orders, spend and
 * contacts only) through {@code start} (tracking begins) to {@code end} (exclusive), in the shop's zone,
 * Europe/Berlin.
 *
 * <p>The <em>shop clock</em> is a time change that follows the daily and weekly rhythm of online shopping and
 * averages to one hour per hour over every week. Point processes run on it (purchases, browsing), so that
 * sessions cluster in the evening and on Sundays while a Poisson process with rate λ per week still yields λ
 * events per calendar week.
 */
final class ShopCalendar {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;
    static final long WEEK = 7 * DAY;

    /** Relative activity per local hour of the day. */
    private static final double[] HOURLY = {0.25, 0.14, 0.09, 0.07, 0.07, 0.12, 0.3, 0.55, 0.8, 0.95, 1.0, 1.05,
        1.15, 1.1, 1.0, 1.0, 1.05, 1.15, 1.35, 1.6, 1.75, 1.65, 1.2, 0.6};
    /** Relative activity per day of the week, Monday first. */
    private static final double[] WEEKDAY = {1.0, 0.97, 0.95, 0.95, 0.9, 0.95, 1.2};

    final LocalDate historyStart;
    final LocalDate start;
    final LocalDate end;
    final long historyStartMillis;
    final long startMillis;
    final long endMillis;
    final int totalDays;
    final int firstWindowDay;
    final int weekCount;

    private final long[] dayStartMillis;
    private final double[] cumulative;
    private final double[] hourWeight;

    ShopCalendar(LocalDate start, int days, int historyDays) {
        this.start = start;
        this.end = start.plusDays(days);
        this.historyStart = start.minusDays(historyDays).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        this.historyStartMillis = millis(historyStart);
        this.startMillis = millis(start);
        this.endMillis = millis(end);
        this.totalDays = (int) ChronoUnit.DAYS.between(historyStart, end);
        this.firstWindowDay = (int) ChronoUnit.DAYS.between(historyStart, start);
        this.weekCount = (totalDays + 6) / 7;
        this.dayStartMillis = new long[totalDays + 1];
        for (int day = 0; day <= totalDays; day++) {
            dayStartMillis[day] = millis(historyStart.plusDays(day));
        }
        int hours = (int) ((endMillis - historyStartMillis + HOUR - 1) / HOUR);
        double mean = Arrays.stream(HOURLY).sum() * Arrays.stream(WEEKDAY).sum() / (24 * 7);
        this.hourWeight = new double[hours];
        this.cumulative = new double[hours + 1];
        for (int hour = 0; hour < hours; hour++) {
            ZonedDateTime local = Instant.ofEpochMilli(historyStartMillis + hour * HOUR).atZone(ZONE);
            hourWeight[hour] = HOURLY[local.getHour()] * WEEKDAY[local.getDayOfWeek().getValue() - 1] / mean;
            cumulative[hour + 1] = cumulative[hour] + hourWeight[hour];
        }
    }

    static long millis(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant().toEpochMilli();
    }

    /** Start of day {@code day} (0 = history start); {@code day == totalDays} gives the end. */
    long dayStart(int day) {
        return dayStartMillis[day];
    }

    LocalDate date(int day) {
        return historyStart.plusDays(day);
    }

    /** The day index of a time inside the span; {@code totalDays} for times at or after the end. */
    int dayIndex(long millis) {
        if (millis >= endMillis) {
            return totalDays;
        }
        if (millis < historyStartMillis) {
            return -1;
        }
        int found = Arrays.binarySearch(dayStartMillis, millis);
        return found >= 0 ? found : -found - 2;
    }

    /** Monday of week {@code week} (0 = the week of the history start). */
    LocalDate weekStart(int week) {
        return historyStart.plusDays(7L * week);
    }

    /** Days of week {@code week} inside the span. */
    int observedDays(int week) {
        return Math.min(7, totalDays - 7 * week);
    }

    /** Shop-clock hours elapsed at a time inside the span. */
    double shopHours(long millis) {
        double hours = (millis - historyStartMillis) / (double) HOUR;
        if (hours <= 0) {
            return 0;
        }
        int index = (int) hours;
        if (index >= hourWeight.length) {
            return cumulative[hourWeight.length];
        }
        return cumulative[index] + (hours - index) * hourWeight[index];
    }

    /** The time at which the shop clock shows {@code shopHours}; {@link Long#MAX_VALUE} beyond the end. */
    long fromShopHours(double shopHours) {
        if (shopHours >= cumulative[hourWeight.length]) {
            return Long.MAX_VALUE;
        }
        if (shopHours <= 0) {
            return historyStartMillis;
        }
        int low = 0;
        int high = hourWeight.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (cumulative[mid] <= shopHours) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        double fraction = (shopHours - cumulative[low]) / hourWeight[low];
        long millis = historyStartMillis + low * HOUR + (long) (fraction * HOUR);
        return Math.min(millis, endMillis - 1);
    }

    /** A time inside [from, to) drawn with the daily rhythm, from a uniform number u in [0, 1). */
    long rhythmicTime(long from, long to, double u) {
        double a = shopHours(from);
        double b = shopHours(to);
        long time = fromShopHours(a + u * (b - a));
        return Math.max(from, Math.min(to - 1, time));
    }

    /** Relative activity of a day of the week (Monday = 1) for spreading weekly volumes over days. */
    static double weekdayWeight(DayOfWeek day) {
        return WEEKDAY[day.getValue() - 1];
    }

    /** Yearly seasonality: a cosine peaking at {@code peakDay} of the year. */
    static double seasonality(LocalDate date, double amplitude, int peakDay) {
        return 1 + amplitude * Math.cos(2 * Math.PI * (date.getDayOfYear() - peakDay) / 365.25);
    }

    /** Holiday multiplier of baseline demand: Black Friday weekend, Cyber Monday, Christmas, Easter, New Year. */
    static double holidays(LocalDate date) {
        LocalDate blackFriday = blackFriday(date.getYear());
        long fromBlackFriday = ChronoUnit.DAYS.between(blackFriday, date);
        if (fromBlackFriday == 0) {
            return 2.6;
        }
        if (fromBlackFriday == 1 || fromBlackFriday == 2) {
            return 1.6;
        }
        if (fromBlackFriday == 3) {
            return 2.0;
        }
        if (fromBlackFriday >= -4 && fromBlackFriday < 0) {
            return 1.25;
        }
        if (date.getMonth() == Month.DECEMBER) {
            int day = date.getDayOfMonth();
            if (day <= 20) {
                return 1.35;
            }
            if (day <= 23) {
                return 1.1;
            }
            if (day <= 26) {
                return 0.5;
            }
            return 1.15;
        }
        if (date.getMonth() == Month.JANUARY && date.getDayOfMonth() == 1) {
            return 0.7;
        }
        LocalDate easter = easterSunday(date.getYear());
        long fromEaster = ChronoUnit.DAYS.between(easter, date);
        if (fromEaster >= -9 && fromEaster <= -1) {
            return 1.2;
        }
        if (fromEaster == 0 || fromEaster == 1) {
            return 0.8;
        }
        return 1;
    }

    /** The Friday after the fourth Thursday of November. */
    static LocalDate blackFriday(int year) {
        LocalDate thanksgiving = LocalDate.of(year, Month.NOVEMBER, 1)
                .with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY));
        return thanksgiving.plusDays(1);
    }

    /** Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm). */
    static LocalDate easterSunday(int year) {
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
