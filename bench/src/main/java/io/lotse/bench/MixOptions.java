package io.lotse.bench;

import io.lotse.engine.mix.AdstockType;
import io.lotse.engine.mix.SaturationType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 */
record MixOptions(@Nullable Path data, @Nullable Path simulated, String dateColumn, String target,
        List<String> channels, List<String> controls, boolean holidays, AdstockType adstock,
        SaturationType saturation, long seed, int bootstrap, int liftTests) {

    static final String USAGE = """
            usage: MixEvaluation --data FILE.csv --date-col C --target-col C --channels a,b,.. [--controls c,..]
                   MixEvaluation --simulated SHOP_DIR [--lift-tests N]
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
            "--lift-tests");

    static boolean wantsHelp(String... args) {
        return Arrays.stream(args).anyMatch(arg -> arg.equals("-h") || arg.equals("--help"));
    }

    /** Parses the arguments; a clear IllegalArgumentException for anything wrong. */
    static MixOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else {
                if (!NAMES.contains(arg)) {
                    throw new IllegalArgumentException(arg.startsWith("--") ? "unknown option " + arg
                            : "unexpected argument '" + arg + "'");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + arg + " needs a value");
                }
                value = args[++i];
            }
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            values.put(name, value);
        }
        Path data = values.containsKey("--data") ? Path.of(values.get("--data")) : null;
        Path simulated = values.containsKey("--simulated") ? Path.of(values.get("--simulated")) : null;
        if ((data == null) == (simulated == null)) {
            throw new IllegalArgumentException("give either --data FILE.csv or --simulated SHOP_DIR");
        }
        List<String> channels = list(values.get("--channels"));
        if (data != null) {
            for (String required : List.of("--date-col", "--target-col", "--channels")) {
                if (!values.containsKey(required)) {
                    throw new IllegalArgumentException("--data needs " + required);
                }
            }
            if (channels.isEmpty()) {
                throw new IllegalArgumentException("--channels names no column");
            }
        } else {
            for (String csvOnly : List.of("--date-col", "--target-col", "--channels", "--controls")) {
                if (values.containsKey(csvOnly)) {
                    throw new IllegalArgumentException(csvOnly + " is for --data; --simulated reads the shop's files");
                }
            }
        }
        int liftTests = integer(values, "--lift-tests", 0);
        if (liftTests > 0 && simulated == null) {
            throw new IllegalArgumentException("--lift-tests needs --simulated: the tests are drawn from its truth");
        }
        String holidays = values.getOrDefault("--holidays", "true");
        if (!holidays.equals("true") && !holidays.equals("false")) {
            throw new IllegalArgumentException("--holidays must be true or false, was '" + holidays + "'");
        }
        long seed;
        try {
            seed = Long.parseLong(values.getOrDefault("--seed", "42"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be a whole number, was '" + values.get("--seed") + "'");
        }
        return new MixOptions(data, simulated, values.getOrDefault("--date-col", "week"),
                values.getOrDefault("--target-col", "new_customers"), channels, list(values.get("--controls")),
                holidays.equals("true"), AdstockType.fromKey(values.getOrDefault("--adstock", "geometric")),
                SaturationType.fromKey(values.getOrDefault("--saturation", "hill")), seed,
                integer(values, "--bootstrap", 50), liftTests);
    }

    private static List<String> list(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static int integer(Map<String, String> values, String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number ≥ 0, was '" + value + "'");
        }
    }
}
