package io.lotse.bench;

import io.lotse.engine.mix.AdstockType;
import io.lotse.engine.mix.SaturationType;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The command line of {@link MixEvaluation}.
 *
 * @param data       a weekly (or daily) CSV file, or null with {@code simulated}
 * @param simulated  a simulated shop's folder, or null with {@code data}
 * @param dateColumn CSV column of the period's first day
 * @param target     CSV column of the outcome
 * @param channels   CSV columns of the channels' spend
 * @param controls   CSV columns of control variables
 * @param holidays   whether to add the retail calendar's holiday controls
 * @param adstock    adstock family
 * @param saturation saturation family
 * @param seed       random seed of the fit
 * @param bootstrap  bootstrap refits
 * @param liftTests  lift tests drawn from a simulated shop's truth, for the calibration comparison
 * @param extraChannels channels of known effect added to a simulated shop's data
 * @param writeData  where to write a simulated shop's weekly data as CSV for {@code --data}, or null
 */
record MixOptions(@Nullable Path data, @Nullable Path simulated, String dateColumn, String target,
        List<String> channels, List<String> controls, boolean holidays, AdstockType adstock,
        SaturationType saturation, long seed, int bootstrap, int liftTests, int extraChannels,
        @Nullable Path writeData) {

    static final String USAGE = """
            usage: MixEvaluation --data FILE.csv --date-col C --target-col C --channels a,b,.. [--controls c,..]
                   MixEvaluation --simulated SHOP_DIR [--lift-tests N] [--extra-channels N] [--write-data FILE]
                   [--holidays true|false] [--adstock geometric|weibull_cdf|weibull_pdf] [--saturation hill|logistic]
                   [--seed S] [--bootstrap N]

              --data FILE.csv        one row per week (or day): the first day of the period, the outcome, the spend
                                     of every channel and any control variables; delimiter , ; or tab
              --date-col C           column of the period's first day, ISO (2026-01-05) or dd.MM.yyyy
              --target-col C         column of the outcome (revenue, orders, new customers)
              --channels a,b,..      columns of the paid channels' spend
              --controls c,..        columns of control variables (promotions, prices)
              --simulated SHOP_DIR   a shop written by the simulator (./lotse simulate --out): the outcome is new
                                     customers per week from orders.csv, the spend from spend.csv; the result is
                                     compared with truth/channels.json
              --lift-tests N         with --simulated: also fit with N lift tests drawn from the truth (the N
                                     channels with the most spend, 8 weeks each in the last year, 80% interval)
              --extra-channels N     with --simulated: add N channels of known effect (radio, podcast, print, ..;
                                     flighted, S-shaped) to the shop's weekly data, e.g. 1 for eight channels
              --write-data FILE      with --simulated: write the weekly data (week, new_customers, a column per
                                     channel) to FILE, to fit them again with --data
              --holidays true|false  add the retail calendar (Black Friday, Christmas, Easter) as controls
                                     (default true)
              --adstock TYPE         geometric (default), weibull_cdf or weibull_pdf
              --saturation TYPE      hill (default) or logistic
              --seed S               seed of the fit (default 42)
              --bootstrap N          bootstrap refits behind the intervals (default 50)
              -h, --help             show this help

            Exit codes: 0 success, 2 bad options or input (the message names the file and line), 1 failure.""";

    private static final Set<String> NAMES = Set.of("--data", "--simulated", "--date-col", "--target-col",
            "--channels", "--controls", "--holidays", "--adstock", "--saturation", "--seed", "--bootstrap",
            "--lift-tests", "--extra-channels", "--write-data");

    /** Parses the arguments; a clear IllegalArgumentException for anything wrong. */
    static MixOptions parse(String... args) {
        CommandLineOptions options = CommandLineOptions.parse(NAMES, args);
        Path data = path(options, "--data");
        Path simulated = path(options, "--simulated");
        if ((data == null) == (simulated == null)) {
            throw new IllegalArgumentException("give either --data FILE.csv or --simulated SHOP_DIR");
        }
        List<String> channels = options.list("--channels");
        if (data != null) {
            for (String required : List.of("--date-col", "--target-col", "--channels")) {
                if (!options.has(required)) {
                    throw new IllegalArgumentException("--data needs " + required);
                }
            }
            if (channels.isEmpty()) {
                throw new IllegalArgumentException("--channels names no column");
            }
        } else {
            for (String csvOnly : List.of("--date-col", "--target-col", "--channels", "--controls")) {
                if (options.has(csvOnly)) {
                    throw new IllegalArgumentException(csvOnly + " is for --data; --simulated reads the shop's files");
                }
            }
        }
        int liftTests = options.integer("--lift-tests", 0, 0, Integer.MAX_VALUE);
        if (liftTests > 0 && simulated == null) {
            throw new IllegalArgumentException("--lift-tests needs --simulated: the tests are drawn from its truth");
        }
        int extraChannels = options.integer("--extra-channels", 0, 0, Integer.MAX_VALUE);
        if (extraChannels > SimulatedMixShop.EXTRA_CHANNELS.size()) {
            throw new IllegalArgumentException("--extra-channels adds at most " + SimulatedMixShop.EXTRA_CHANNELS.size()
                    + " channels, was " + extraChannels);
        }
        for (String simulatedOnly : List.of("--extra-channels", "--write-data")) {
            if (options.has(simulatedOnly) && simulated == null) {
                throw new IllegalArgumentException(simulatedOnly + " needs --simulated");
            }
        }
        String holidays = options.text("--holidays", "true");
        if (!holidays.equals("true") && !holidays.equals("false")) {
            throw new IllegalArgumentException("--holidays must be true or false, was '" + holidays + "'");
        }
        return new MixOptions(data, simulated, options.text("--date-col", "week"),
                options.text("--target-col", "new_customers"), channels, options.list("--controls"),
                holidays.equals("true"), AdstockType.fromKey(options.text("--adstock", "geometric")),
                SaturationType.fromKey(options.text("--saturation", "hill")), options.longInteger("--seed", 42),
                options.integer("--bootstrap", 50, 0, Integer.MAX_VALUE), liftTests, extraChannels,
                path(options, "--write-data"));
    }

    private static @Nullable Path path(CommandLineOptions options, String name) {
        String value = options.verbatim(name);
        return value == null ? null : Path.of(value);
    }
}
