package io.lotse.simulator;

import io.lotse.simulator.sink.FileShopSink;
import io.lotse.simulator.sink.SegmentShopSink;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Command line of the simulator: {@code java -jar lotse-simulator.jar --customers 5000 --days 180 --out shop}.
 * Prints a one-line summary and, as the last line, the counts as JSON. Exit codes: 0 success, 1 failure during
 * the run, 2 bad arguments.
 */
public final class SimulateCommand {

    static final String USAGE = """
            usage: java -jar lotse-simulator.jar [options] (--out DIR | --target URL --write-key KEY [--rate R])

              --customers N       customers in the shop (default 5000)
              --days D            days of tracked events (default 180)
              --seed S            random seed; the same seed gives the same shop (default 42)
              --start YYYY-MM-DD  first tracked day (default: today minus --days)
              --history-days H    days of order and spend history before the start, no events (default 365)
              --out DIR           write events, contacts, orders, products, spend, messages and truth/ to DIR
              --target URL        send the events live to a Segment-compatible endpoint, e.g. http://localhost:8080
              --write-key K       write key for --target
              --rate R            events per second for --target; 0 sends as fast as possible (default 0)
              --help              show this help""";

    private static final Set<String> OPTIONS = Set.of("--customers", "--days", "--seed", "--start", "--history-days",
            "--out", "--target", "--write-key", "--rate");

    private SimulateCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * The parsed command line.
     *
     * @param out      directory to write, or null
     * @param target   endpoint to send to, or null
     * @param writeKey write key for the endpoint, or null
     * @param rate     events per second, 0 for unlimited
     */
    record Options(int customers, int days, long seed, LocalDate start, int historyDays, @Nullable Path out,
            @Nullable String target, @Nullable String writeKey, double rate) {
    }

    /** Runs the command and returns its exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        for (String arg : args) {
            if ("--help".equals(arg) || "-h".equals(arg)) {
                out.println(USAGE);
                return 0;
            }
        }
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        ShopSimulation simulation = ShopSimulation.builder().customers(options.customers()).days(options.days())
                .seed(options.seed()).start(options.start()).historyDays(options.historyDays()).build();
        long started = System.nanoTime();
        SimulationSummary summary;
        String destination;
        try {
            if (options.out() != null) {
                try (FileShopSink sink = new FileShopSink(options.out())) {
                    summary = simulation.run(sink);
                }
                destination = options.out().toString();
            } else {
                SegmentShopSink sink = new SegmentShopSink(options.target(), options.writeKey(), options.rate(), err);
                try (sink) {
                    summary = simulation.run(sink);
                }
                destination = options.target() + " (" + sink.delivered() + " delivered, " + sink.failed() + " failed)";
                if (sink.failed() > 0) {
                    err.println("error: " + sink.failed() + " events were not delivered");
                    return 1;
                }
            }
        } catch (RuntimeException e) {
            err.println("error: the simulation failed");
            e.printStackTrace(err);
            return 1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        SimulationInfo info = summary.info();
        out.println(String.format(Locale.ROOT,
                "Simulated %d customers over %d days from %s (seed %d): %d events, %d orders, %d messages to %s in %.1f s",
                info.customers(), info.days(), info.start(), info.seed(), summary.count("events"),
                summary.count("orders"), summary.count("messages"), destination, seconds));
        ObjectNode counts = JsonMapper.builder().build().createObjectNode();
        summary.counts().forEach(counts::put);
        out.println(counts.toString());
        return 0;
    }

    static Options parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else {
                name = arg;
                if (!OPTIONS.contains(name)) {
                    throw new IllegalArgumentException("unknown option " + name);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                value = args[++i];
            }
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("option " + name + " is given twice");
            }
        }
        int customers = integer(values, "--customers", 5000, 1, 10_000_000);
        int days = integer(values, "--days", 180, 1, 3660);
        int historyDays = integer(values, "--history-days", 365, 0, 1830);
        long seed;
        try {
            seed = Long.parseLong(values.getOrDefault("--seed", "42").strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --seed must be a whole number, was " + values.get("--seed"));
        }
        LocalDate start;
        if (values.containsKey("--start")) {
            try {
                start = LocalDate.parse(values.get("--start").strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("option --start must be a date YYYY-MM-DD, was "
                        + values.get("--start"));
            }
        } else {
            start = LocalDate.now(ShopCalendar.ZONE).minusDays(days);
        }
        String out = values.get("--out");
        String target = values.get("--target");
        String writeKey = values.get("--write-key");
        if (out != null && target != null) {
            throw new IllegalArgumentException("use either --out or --target, not both");
        }
        if (out == null && target == null) {
            throw new IllegalArgumentException("one of --out DIR or --target URL is required");
        }
        if (out != null && out.isBlank()) {
            throw new IllegalArgumentException("option --out needs a directory");
        }
        if (out != null && (writeKey != null || values.containsKey("--rate"))) {
            throw new IllegalArgumentException("--write-key and --rate only apply to --target");
        }
        double rate = 0;
        if (target != null) {
            URI uri;
            try {
                uri = URI.create(target.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option --target must be a URL, was " + target);
            }
            if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("option --target must be an http(s) URL, was " + target);
            }
            if (writeKey == null || writeKey.isBlank()) {
                throw new IllegalArgumentException("option --write-key is required with --target");
            }
            if (values.containsKey("--rate")) {
                try {
                    rate = Double.parseDouble(values.get("--rate").strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("option --rate must be a number, was " + values.get("--rate"));
                }
                if (!(rate >= 0) || Double.isInfinite(rate)) {
                    throw new IllegalArgumentException("option --rate must be 0 or more, was " + values.get("--rate"));
                }
            }
            target = target.strip().replaceAll("/+$", "");
        }
        return new Options(customers, days, seed, start, historyDays, out == null ? null : Path.of(out), target,
                writeKey, rate);
    }

    private static int integer(Map<String, String> values, String name, int defaultValue, int minimum, int maximum) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        int number;
        try {
            number = Integer.parseInt(value.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + name + " must be a whole number, was " + value);
        }
        if (number < minimum || number > maximum) {
            throw new IllegalArgumentException("option " + name + " must be between " + minimum + " and " + maximum
                    + ", was " + value);
        }
        return number;
    }
}
