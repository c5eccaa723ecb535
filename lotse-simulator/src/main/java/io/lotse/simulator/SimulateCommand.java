package io.lotse.simulator;

import io.lotse.simulator.sink.FileShopSink;
import io.lotse.simulator.sink.SegmentShopSink;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
            usage: java -jar lotse-simulator.jar [options] (--out DIR | --target URL --write-key KEY [--rate R] [--live])

              --customers N       customers in the shop (default 5000)
              --days D            days of tracked events (default 180)
              --seed S            random seed; the same seed gives the same shop (default 42)
              --start YYYY-MM-DD  first tracked day (default: today minus --days)
              --history-days H    days of order and spend history before the start, no events (default 365)
              --out DIR           write events, contacts, orders, products, spend, messages and truth/ to DIR
              --target URL        send the events live to a Segment-compatible endpoint, e.g. http://localhost:8080
              --write-key K       write key for --target
              --rate R            events per second for --target; 0 sends as fast as possible (default 0);
                                  with --live the pace of the live visits (default 2), the history goes at full speed
              --live              with --target: after the history keep sending new visits of the shop's people,
                                  stamped with the current time, until stopped (SIGTERM or Ctrl-C flushes, exit 0)
              --skip-history      with --live: send no history, start the live visits at once
              --help              show this help""";

    private static final Set<String> OPTIONS = Set.of("--customers", "--days", "--seed", "--start", "--history-days",
            "--out", "--target", "--write-key", "--rate");
    private static final Set<String> FLAGS = Set.of("--live", "--skip-history");
    /** Default pace of the live visits in events per second. */
    static final double DEFAULT_LIVE_RATE = 2;
    /** How often the live mode reports what it sent. */
    private static final long LIVE_REPORT_NANOS = TimeUnit.MINUTES.toNanos(1);

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
     * @param rate     events per second, 0 for unlimited; with live the pace of the live visits (more than 0)
     * @param live     whether to keep sending live visits after the history
     * @param skipHistory whether to send no history before the live visits
     */
    record Options(int customers, int days, long seed, LocalDate start, int historyDays, @Nullable Path out,
            @Nullable String target, @Nullable String writeKey, double rate, boolean live, boolean skipHistory) {
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
        if (options.live()) {
            return live(simulation, options, out, err);
        }
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
            if (FLAGS.contains(arg)) {
                name = arg;
                value = "true";
            } else if (arg.startsWith("--") && equals > 0 && FLAGS.contains(arg.substring(0, equals))) {
                throw new IllegalArgumentException("option " + arg.substring(0, equals) + " takes no value");
            } else if (arg.startsWith("--") && equals > 0) {
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
            if (!OPTIONS.contains(name) && !FLAGS.contains(name)) {
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
        boolean live = values.containsKey("--live");
        boolean skipHistory = values.containsKey("--skip-history");
        if (live && target == null) {
            throw new IllegalArgumentException("--live needs --target");
        }
        if (skipHistory && !live) {
            throw new IllegalArgumentException("--skip-history only applies to --live");
        }
        double rate = live ? DEFAULT_LIVE_RATE : 0;
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
                if (live && rate == 0) {
                    throw new IllegalArgumentException("option --rate must be more than 0 with --live");
                }
            }
            target = target.strip().replaceAll("/+$", "");
        }
        return new Options(customers, days, seed, start, historyDays, out == null ? null : Path.of(out), target,
                writeKey, rate, live, skipHistory);
    }

    /**
     * Sends the history at full speed (unless skipped), then live visits at the options' rate until the process is
     * stopped. A shutdown hook (SIGTERM, Ctrl-C) ends the loop, waits until the Segment client has flushed and
     * exits with 0.
     */
    private static int live(ShopSimulation simulation, Options options, PrintStream out, PrintStream err) {
        String target = Objects.requireNonNull(options.target());
        String writeKey = Objects.requireNonNull(options.writeKey());
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread loop = Thread.currentThread();
        Thread hook = new Thread(() -> {
            stop.set(true);
            loop.interrupt();
            try {
                done.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(0);
        }, "lotse-simulator-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (!options.skipHistory()) {
                long started = System.nanoTime();
                SegmentShopSink history = new SegmentShopSink(target, writeKey, 0, err);
                SimulationSummary summary;
                try (history) {
                    // Only the events go to Segment; a stop ends the history at the next one.
                    summary = simulation.run(new ShopSink() {
                        @Override
                        public void event(ObjectNode message) {
                            if (stop.get()) {
                                throw new IllegalStateException("stopped");
                            }
                            history.event(message);
                        }
                    });
                }
                out.println(String.format(Locale.ROOT, "History: %d events to %s (%d delivered, %d failed) in %.1f s",
                        summary.count("events"), target, history.delivered(), history.failed(),
                        (System.nanoTime() - started) / 1e9));
                if (history.failed() > 0) {
                    err.println("error: " + history.failed() + " events of the history were not delivered");
                }
            }
            if (stop.get()) {
                return 0;
            }
            LiveShop shop = simulation.live(Clock.systemUTC());
            out.println(String.format(Locale.ROOT, "Live visits to %s at %s events/s; stop with SIGTERM or Ctrl-C",
                    target, options.rate()));
            SegmentShopSink sink = new SegmentShopSink(target, writeKey, options.rate(), err);
            long nextReport = System.nanoTime() + LIVE_REPORT_NANOS;
            try {
                while (!stop.get()) {
                    try {
                        sink.event(shop.next());
                    } catch (IllegalStateException e) {
                        if (!stop.get()) {
                            throw e;
                        }
                    }
                    if (System.nanoTime() - nextReport >= 0) {
                        nextReport += LIVE_REPORT_NANOS;
                        out.println(liveReport(shop, sink));
                    }
                }
            } finally {
                Thread.interrupted(); // the stop signal; closing must be able to wait for delivery
                sink.close();
                out.println(liveReport(shop, sink));
                out.flush();
            }
            return 0;
        } catch (RuntimeException e) {
            if (stop.get()) {
                return 0;
            }
            err.println("error: the live simulation failed");
            e.printStackTrace(err);
            return 1;
        } finally {
            out.flush();
            err.flush();
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // stopped by a signal: the hook runs and exits with 0
            }
        }
    }

    private static String liveReport(LiveShop shop, SegmentShopSink sink) {
        Map<String, Long> counts = shop.counts();
        return String.format(Locale.ROOT, "Live: %d events (%d visits, %d by new visitors, %d orders), %d delivered, "
                + "%d failed", sink.enqueued(), counts.get("visits"), counts.get("new_visitors"),
                counts.get("orders"), sink.delivered(), sink.failed());
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
