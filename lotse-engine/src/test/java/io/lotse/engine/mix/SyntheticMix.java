package io.lotse.engine.mix;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Weekly data drawn from a known marketing-mix model, for tests of the fit. */
final class SyntheticMix {

    /**
     * A channel of the true model.
     *
     * @param name   channel name
     * @param spend  typical weekly spend while on air
     * @param theta  geometric adstock θ
     * @param kappa  Hill half saturation, in adstocked spend
     * @param alpha  Hill shape
     * @param beta   outcome per week at saturation
     * @param on     weeks on air in a row, or 0 for always on
     * @param off    weeks off air between flights
     */
    record TrueChannel(String name, double spend, double theta, double kappa, double alpha, double beta,
                       int on, int off) {

        ChannelEffect effect() {
            return new ChannelEffect(name, new GeometricAdstock(theta), new HillSaturation(alpha, kappa), beta);
        }
    }

    /** Channels that pause now and then, so that the data show their effect down to zero spend. */
    static final List<TrueChannel> CHANNELS = List.of(
            new TrueChannel("search", 1000, 0.2, 1200, 1.2, 300, 5, 2),
            new TrueChannel("social", 1200, 0.4, 2200, 1.5, 250, 7, 3),
            new TrueChannel("display", 700, 0.5, 1600, 1.8, 120, 4, 4),
            new TrueChannel("tv", 5000, 0.7, 15000, 2.2, 400, 6, 6));

    private SyntheticMix() {}

    /** The data and the true per-channel contributions. */
    record Drawn(MixData data, double[][] contributions) {
    }

    static Drawn draw(List<TrueChannel> channels, int weeks, double noiseSd, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LocalDate> periods = new ArrayList<>();
        LocalDate start = LocalDate.of(2023, 1, 2);
        for (int t = 0; t < weeks; t++) {
            periods.add(start.plusWeeks(t));
        }
        double[][] spend = new double[channels.size()][weeks];
        double[][] contributions = new double[channels.size()][];
        double[] outcome = new double[weeks];
        for (int t = 0; t < weeks; t++) {
            double years = t / 52.18;
            outcome[t] = 2000 + 150 * years + 200 * Math.cos(2 * Math.PI * Baseline.yearPosition(periods.get(t), 7))
                    + noiseSd * gaussian(random);
        }
        for (int c = 0; c < channels.size(); c++) {
            TrueChannel channel = channels.get(c);
            for (int t = 0; t < weeks; t++) {
                boolean on = channel.on() == 0 || t % (channel.on() + channel.off()) < channel.on();
                double season = 1 + 0.3 * Math.sin(2 * Math.PI * t / 52.18 + c);
                spend[c][t] = on ? channel.spend() * season * Math.exp(0.35 * gaussian(random)) : 0;
            }
            contributions[c] = channel.effect().contributions(spend[c]);
            for (int t = 0; t < weeks; t++) {
                outcome[t] += contributions[c][t];
            }
        }
        List<String> names = channels.stream().map(TrueChannel::name).toList();
        return new Drawn(new MixData(periods, outcome, names, spend, List.of(), new double[0][]), contributions);
    }

    static double gaussian(SplittableRandom random) {
        double u = Math.max(random.nextDouble(), 1e-300);
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
