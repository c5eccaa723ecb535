package io.lotse.simulator;

import io.lotse.simulator.model.BaselineWeek;
import io.lotse.simulator.model.Channel;
import io.lotse.simulator.model.ChannelTruth;
import io.lotse.simulator.model.MarketingTruth;
import io.lotse.simulator.model.SpendWeek;
import io.lotse.simulator.stats.Distributions;
import io.lotse.simulator.stats.MediaResponse;
import io.lotse.simulator.stats.Seeds;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The marketing mix of the shop: weekly spend per media channel over the whole span, its true effect on new
 * customers, and the email campaigns of the tracked window.
 *
 * <p>A customer is acquired by their first order. Weekly new customers through a media channel have the expected
 * value β · Hill(adstock(spend); κ, s), on top of a baseline (organic and direct) with trend, yearly seasonality
 * and holidays. The model is defined for a reference shop and scaled so that the expected new customers over
 * the whole span add up to exactly the number of customers. Each customer draws their (week, channel) cell in
 * proportion to the reference shop's expectations (identical up to the rounding of spend to cents), so the
 * realised counts are multinomial around the expectations and customer k is acquired the same way in every
 * shop size.
 */
final class MarketingPlan {

    static final List<Channel> CHANNELS = List.of(Channel.values());

    /** Reference baseline new customers per week. */
    static final double BASELINE_PER_WEEK = 120;
    static final double TREND_PER_YEAR = 0.15;
    static final double SEASONAL_AMPLITUDE = 0.18;
    static final int SEASONAL_PEAK_DAY = 340;
    static final double ORGANIC_SHARE = 0.55;

    /**
     * Reference parameters of a media channel.
     *
     * @param channel        the channel
     * @param weeklySpend    typical weekly spend of the reference shop while on air, euros
     * @param decay          adstock θ
     * @param halfSaturation κ in euros of adstock
     * @param shape          Hill s
     * @param beta           β: new customers per week at saturation
     * @param costPerMille   euros per thousand impressions
     * @param noise          σ of the weekly log-normal spend noise
     * @param onWeeks        flight length range while on air, or {0, 0} for always on
     * @param offWeeks       pause length range between flights
     */
    record ChannelSpec(Channel channel, double weeklySpend, double decay, double halfSaturation, double shape,
            double beta, double costPerMille, double noise, int[] onWeeks, int[] offWeeks) {
    }

    /**
     * Reference channels, calibrated to first-order costs per acquisition from about 35 EUR (affiliate) to 150 EUR
     * (TV): with an 80 EUR mean order, affiliate, partner email and search pay back on the first order, TV and
     * video only through repeat purchases.
     */
    static final List<ChannelSpec> SPECS = List.of(
            new ChannelSpec(Channel.PAID_SEARCH, 1150, 0.15, 1500, 1.3, 55, 9.0, 0.12, new int[] {0, 0}, new int[] {0, 0}),
            new ChannelSpec(Channel.PAID_SOCIAL, 1275, 0.35, 2350, 1.1, 45, 6.0, 0.2, new int[] {0, 0}, new int[] {0, 0}),
            new ChannelSpec(Channel.DISPLAY, 750, 0.45, 1800, 1.6, 18, 2.5, 0.25, new int[] {0, 0}, new int[] {0, 0}),
            new ChannelSpec(Channel.VIDEO, 1150, 0.55, 2600, 2.0, 22, 12.0, 0.2, new int[] {4, 8}, new int[] {2, 6}),
            new ChannelSpec(Channel.AFFILIATE, 380, 0.05, 320, 1.0, 20, 4.0, 0.15, new int[] {0, 0}, new int[] {0, 0}),
            new ChannelSpec(Channel.EMAIL, 270, 0.25, 360, 1.0, 14, 1.5, 0.05, new int[] {0, 0}, new int[] {0, 0}),
            new ChannelSpec(Channel.TV, 6100, 0.75, 14700, 2.5, 60, 18.0, 0.1, new int[] {3, 5}, new int[] {3, 8}));

    /**
     * An email campaign of the tracked window.
     *
     * @param id            campaign id, used as {@code utm_campaign}
     * @param nameDe        German name
     * @param nameEn        English name
     * @param subjectDe     German subject
     * @param subjectEn     English subject
     * @param sendMillis    send time
     * @param appeal        multiplier of open probabilities
     * @param focusCategory category the email links to
     */
    record EmailCampaign(String id, String nameDe, String nameEn, String subjectDe, String subjectEn,
            long sendMillis, double appeal, int focusCategory) {
    }

    final ShopCalendar calendar;
    final int weeks;
    final double scale;
    final long[][] spendCents;
    final long[][] impressions;
    final double[][] adstock;
    final double[][] saturation;
    /** Expected new customers per channel (all nine, in {@link #CHANNELS} order) and week. */
    final double[][] expected;
    final double[] trend;
    final double[] seasonality;
    final double[] holidays;
    final double[] halfSaturation;
    final double[] beta;
    final double baselinePerWeek;
    final List<EmailCampaign> campaigns;
    private final double[] cellCumulative;

    private MarketingPlan(ShopCalendar calendar, int weeks, double scale, long[][] spendCents, long[][] impressions,
            double[][] adstock, double[][] saturation, double[][] expected, double[] trend, double[] seasonality,
            double[] holidays, double[] halfSaturation, double[] beta, double baselinePerWeek,
            List<EmailCampaign> campaigns, double[] referenceCells) {
        this.calendar = calendar;
        this.weeks = weeks;
        this.scale = scale;
        this.spendCents = spendCents;
        this.impressions = impressions;
        this.adstock = adstock;
        this.saturation = saturation;
        this.expected = expected;
        this.trend = trend;
        this.seasonality = seasonality;
        this.holidays = holidays;
        this.halfSaturation = halfSaturation;
        this.beta = beta;
        this.baselinePerWeek = baselinePerWeek;
        this.campaigns = campaigns;
        this.cellCumulative = Distributions.cumulative(referenceCells);
    }

    static MarketingPlan create(long seed, ShopCalendar calendar, int customers, int categories) {
        SplittableRandom random = Seeds.stream(seed, "marketing.spend", 0);
        int weeks = calendar.weekCount;
        int media = SPECS.size();
        double[] trend = new double[weeks];
        double[] seasonality = new double[weeks];
        double[] holidays = new double[weeks];
        double[] fraction = new double[weeks];
        for (int w = 0; w < weeks; w++) {
            int days = calendar.observedDays(w);
            fraction[w] = days / 7.0;
            LocalDate monday = calendar.weekStart(w);
            trend[w] = 1 + TREND_PER_YEAR * (7 * w + days / 2.0) / 365.25;
            double season = 0;
            double holiday = 0;
            for (int d = 0; d < days; d++) {
                LocalDate date = monday.plusDays(d);
                season += ShopCalendar.seasonality(date, SEASONAL_AMPLITUDE, SEASONAL_PEAK_DAY);
                holiday += ShopCalendar.holidays(date);
            }
            seasonality[w] = season / days;
            holidays[w] = holiday / days;
        }

        double[][] referenceSpend = new double[media][weeks];
        double[][] impressionNoise = new double[media][weeks];
        for (int c = 0; c < media; c++) {
            ChannelSpec spec = SPECS.get(c);
            boolean on = true;
            int left = spec.onWeeks()[1] == 0 ? Integer.MAX_VALUE
                    : spec.onWeeks()[0] + Distributions.index(random, spec.onWeeks()[1] - spec.onWeeks()[0] + 1);
            for (int w = 0; w < weeks; w++) {
                if (left-- <= 0) {
                    on = !on;
                    int[] range = on ? spec.onWeeks() : spec.offWeeks();
                    left = range[0] + Distributions.index(random, range[1] - range[0] + 1) - 1;
                }
                double noise = Distributions.logNormal(random, 0, spec.noise());
                impressionNoise[c][w] = Distributions.logNormal(random, 0, 0.08);
                referenceSpend[c][w] = on ? spec.weeklySpend() * budgetSeason(calendar.weekStart(w), spec.channel())
                        * noise : 0;
            }
        }

        // The reference shop's expected new customers per (week, channel) cell. Customers draw their cell from
        // these, which do not depend on the number of customers, so customer k is acquired the same way in every
        // shop size.
        int organic = CHANNELS.indexOf(Channel.ORGANIC);
        int direct = CHANNELS.indexOf(Channel.DIRECT);
        double[] referenceCells = new double[weeks * CHANNELS.size()];
        double reference = 0;
        for (int w = 0; w < weeks; w++) {
            double baseline = BASELINE_PER_WEEK * trend[w] * seasonality[w] * holidays[w] * fraction[w];
            referenceCells[w * CHANNELS.size() + organic] = ORGANIC_SHARE * baseline;
            referenceCells[w * CHANNELS.size() + direct] = (1 - ORGANIC_SHARE) * baseline;
            reference += baseline;
        }
        for (int c = 0; c < media; c++) {
            ChannelSpec spec = SPECS.get(c);
            double[] stock = MediaResponse.adstock(referenceSpend[c], spec.decay());
            for (int w = 0; w < weeks; w++) {
                double cell = spec.beta() * MediaResponse.hill(stock[w], spec.halfSaturation(), spec.shape())
                        * fraction[w];
                referenceCells[w * CHANNELS.size() + c] = cell;
                reference += cell;
            }
        }
        double scale = customers / reference;

        long[][] spendCents = new long[media][weeks];
        long[][] impressions = new long[media][weeks];
        double[][] adstock = new double[media][];
        double[][] saturation = new double[media][weeks];
        double[][] raw = new double[CHANNELS.size()][weeks];
        double[] halfSaturation = new double[media];
        double total = 0;
        for (int c = 0; c < media; c++) {
            ChannelSpec spec = SPECS.get(c);
            double[] euros = new double[weeks];
            for (int w = 0; w < weeks; w++) {
                spendCents[c][w] = Math.round(referenceSpend[c][w] * scale * 100);
                euros[w] = spendCents[c][w] / 100.0;
                impressions[c][w] = Math.round(euros[w] / spec.costPerMille() * 1000 * impressionNoise[c][w]);
            }
            adstock[c] = MediaResponse.adstock(euros, spec.decay());
            halfSaturation[c] = spec.halfSaturation() * scale;
            for (int w = 0; w < weeks; w++) {
                saturation[c][w] = MediaResponse.hill(adstock[c][w], halfSaturation[c], spec.shape());
                raw[c][w] = spec.beta() * scale * saturation[c][w] * fraction[w];
                total += raw[c][w];
            }
        }
        for (int w = 0; w < weeks; w++) {
            double baseline = BASELINE_PER_WEEK * scale * trend[w] * seasonality[w] * holidays[w] * fraction[w];
            raw[organic][w] = ORGANIC_SHARE * baseline;
            raw[direct][w] = (1 - ORGANIC_SHARE) * baseline;
            total += baseline;
        }
        // Final normalisation: the expectations add up to exactly the number of customers.
        double normaliser = customers / total;
        double[][] expected = new double[CHANNELS.size()][weeks];
        for (int c = 0; c < CHANNELS.size(); c++) {
            for (int w = 0; w < weeks; w++) {
                expected[c][w] = raw[c][w] * normaliser;
            }
        }
        double[] beta = new double[media];
        for (int c = 0; c < media; c++) {
            beta[c] = SPECS.get(c).beta() * scale * normaliser;
        }
        double baselinePerWeek = BASELINE_PER_WEEK * scale * normaliser;
        List<EmailCampaign> campaigns = campaigns(Seeds.stream(seed, "marketing.email", 0), calendar, categories);
        return new MarketingPlan(calendar, weeks, scale, spendCents, impressions, adstock, saturation,
                expected, trend, seasonality, holidays, halfSaturation, beta, baselinePerWeek, campaigns,
                referenceCells);
    }

    /** Budget multiplier of a week: fourth quarter and Black Friday up, summer and January down. */
    private static double budgetSeason(LocalDate monday, Channel channel) {
        LocalDate blackFriday = ShopCalendar.blackFriday(monday.getYear());
        boolean blackFridayWeek = !monday.isAfter(blackFriday) && monday.plusDays(6).isAfter(blackFriday.minusDays(1));
        if (blackFridayWeek && channel != Channel.TV && channel != Channel.VIDEO) {
            return 1.8;
        }
        Month month = monday.getMonth();
        if (month == Month.NOVEMBER || (month == Month.DECEMBER && monday.getDayOfMonth() <= 20)
                || (month == Month.OCTOBER && monday.getDayOfMonth() >= 15)) {
            return 1.35;
        }
        if (month == Month.JULY || month == Month.AUGUST) {
            return 0.85;
        }
        if (month == Month.JANUARY) {
            return 0.9;
        }
        return 1;
    }

    /** The weekly newsletter (Thursdays 10:00) and seasonal promotions inside the tracked window. */
    private static List<EmailCampaign> campaigns(RandomGenerator random, ShopCalendar calendar, int categories) {
        List<EmailCampaign> campaigns = new ArrayList<>();
        for (LocalDate day = calendar.start; day.isBefore(calendar.end); day = day.plusDays(1)) {
            if (day.getDayOfWeek() == DayOfWeek.THURSDAY) {
                int week = day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                int year = day.get(IsoFields.WEEK_BASED_YEAR);
                int focus = Distributions.index(random, categories);
                campaigns.add(new EmailCampaign(String.format("newsletter-%d-kw%02d", year, week),
                        String.format("Newsletter KW %02d/%d", week, year), String.format("Newsletter week %d, %d",
                                week, year),
                        "Neu im Shop: unsere Empfehlungen der Woche", "New in: our picks of the week",
                        at(day, 10, 0), 1.0, focus));
            }
            LocalDate blackFriday = ShopCalendar.blackFriday(day.getYear());
            LocalDate easter = ShopCalendar.easterSunday(day.getYear());
            if (day.equals(blackFriday)) {
                campaigns.add(promotion(random, categories, "black-friday-" + day.getYear(), "Black Friday",
                        "Black Friday", "Black Friday: bis zu 40 % auf alles", "Black Friday: up to 40% off everything",
                        at(day, 7, 0), 1.4));
            } else if (day.equals(blackFriday.plusDays(3))) {
                campaigns.add(promotion(random, categories, "cyber-monday-" + day.getYear(), "Cyber Monday",
                        "Cyber Monday", "Nur heute: Cyber Monday", "Today only: Cyber Monday", at(day, 7, 0), 1.25));
            } else if (day.getMonth() == Month.DECEMBER && day.getDayOfMonth() == 5) {
                campaigns.add(promotion(random, categories, "gift-guide-" + day.getYear(), "Geschenkideen",
                        "Gift guide", "Geschenkideen für alle, die du magst", "Gift ideas for everyone you love",
                        at(day, 9, 0), 1.2));
            } else if (day.getMonth() == Month.DECEMBER && day.getDayOfMonth() == 18) {
                campaigns.add(promotion(random, categories, "last-minute-" + day.getYear(), "Last-Minute-Geschenke",
                        "Last-minute gifts", "Bis Heiligabend geliefert: jetzt bestellen",
                        "Delivered by Christmas Eve: order now", at(day, 8, 0), 1.15));
            } else if (day.equals(easter.minusDays(3))) {
                campaigns.add(promotion(random, categories, "easter-" + day.getYear(), "Ostern", "Easter",
                        "Frohe Ostern: 15 % auf Frühlingsartikel", "Happy Easter: 15% off spring favourites",
                        at(day, 8, 0), 1.1));
            } else if (day.getMonth() == Month.JULY
                    && day.equals(day.with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)))) {
                campaigns.add(promotion(random, categories, "summer-sale-" + day.getYear(), "Sommerschlussverkauf",
                        "Summer sale", "Sommer-Sale: jetzt bis zu 50 % sparen", "Summer sale: save up to 50%",
                        at(day, 9, 0), 1.2));
            } else if (day.getMonth() == Month.JANUARY
                    && day.equals(day.with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.MONDAY)))) {
                campaigns.add(promotion(random, categories, "winter-sale-" + day.getYear(), "Winterschlussverkauf",
                        "Winter sale", "Winter-Sale: Restposten stark reduziert", "Winter sale: last items reduced",
                        at(day, 9, 0), 1.15));
            }
        }
        return List.copyOf(campaigns);
    }

    private static EmailCampaign promotion(RandomGenerator random, int categories, String id, String nameDe,
            String nameEn, String subjectDe, String subjectEn, long sendMillis, double appeal) {
        return new EmailCampaign(id, nameDe, nameEn, subjectDe, subjectEn, sendMillis, appeal,
                Distributions.index(random, categories));
    }

    private static long at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(ShopCalendar.ZONE).toInstant().toEpochMilli();
    }

    /** Draws a (week, channel) cell in proportion to its expected new customers. */
    int drawCell(RandomGenerator random) {
        return Distributions.fromCumulative(random, cellCumulative);
    }

    static int week(int cell) {
        return cell / CHANNELS.size();
    }

    static Channel channel(int cell) {
        return CHANNELS.get(cell % CHANNELS.size());
    }

    /** A time in week {@code week} drawn with weekday, holiday and daily rhythm. */
    long timeInWeek(RandomGenerator random, int week) {
        int days = calendar.observedDays(week);
        double[] weights = new double[days];
        LocalDate monday = calendar.weekStart(week);
        for (int d = 0; d < days; d++) {
            LocalDate date = monday.plusDays(d);
            weights[d] = ShopCalendar.weekdayWeight(date.getDayOfWeek()) * ShopCalendar.holidays(date);
        }
        int day = 7 * week + Distributions.weighted(random, weights);
        return calendar.rhythmicTime(calendar.dayStart(day), calendar.dayStart(day + 1),
                Distributions.uniform(random));
    }

    /** The spend rows with their truth, given the realised acquisitions per channel and week. */
    List<SpendWeek> spendWeeks(int[][] realised) {
        List<SpendWeek> rows = new ArrayList<>();
        for (int w = 0; w < weeks; w++) {
            for (int c = 0; c < SPECS.size(); c++) {
                rows.add(new SpendWeek(calendar.weekStart(w), SPECS.get(c).channel(), spendCents[c][w],
                        impressions[c][w], calendar.observedDays(w), adstock[c][w], saturation[c][w],
                        expected[c][w], realised[c][w]));
            }
        }
        return rows;
    }

    /** The baseline rows, given the realised acquisitions and repeat orders per week. */
    List<BaselineWeek> baselineWeeks(int[][] realised, int[] repeatOrders) {
        int organic = CHANNELS.indexOf(Channel.ORGANIC);
        int direct = CHANNELS.indexOf(Channel.DIRECT);
        List<BaselineWeek> rows = new ArrayList<>();
        for (int w = 0; w < weeks; w++) {
            rows.add(new BaselineWeek(calendar.weekStart(w), calendar.observedDays(w), trend[w], seasonality[w],
                    holidays[w], expected[organic][w] + expected[direct][w],
                    realised[organic][w] + realised[direct][w], repeatOrders[w]));
        }
        return rows;
    }

    /** The true parameters, with expected first-order revenue per euro from the mean order value. */
    MarketingTruth truth(double meanOrderValue) {
        List<ChannelTruth> channels = new ArrayList<>();
        for (int c = 0; c < SPECS.size(); c++) {
            ChannelSpec spec = SPECS.get(c);
            double spend = 0;
            double customers = 0;
            for (int w = 0; w < weeks; w++) {
                spend += spendCents[c][w] / 100.0;
                customers += expected[c][w];
            }
            channels.add(new ChannelTruth(spec.channel(), spec.decay(), halfSaturation[c], spec.shape(), beta[c],
                    spec.costPerMille(), Math.round(spend * 100) / 100.0, customers,
                    spend == 0 ? 0 : customers * meanOrderValue / spend));
        }
        return new MarketingTruth(scale, baselinePerWeek, TREND_PER_YEAR, SEASONAL_AMPLITUDE, SEASONAL_PEAK_DAY,
                ORGANIC_SHARE, List.copyOf(channels));
    }
}
