package io.lotse.bench;

import io.lotse.engine.experiment.BanditSimulation;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bandit simulation of the experiments: on variants with known success rates, the successes the
 * Thompson-sampling bandit loses against always showing the best variant (its regret), next to a uniform split's,
 * over several seeds. The last line of standard output is one JSON object.
 */
public final class BanditEvaluation {

    static final String USAGE = """
            usage: BanditEvaluation [--rates 0.02,0.03,0.05] [--people N] [--seeds S]

              --rates R     the variants' true click or conversion rates, comma-separated (default 0.02,0.03,0.05)
              --people N    people shown a variant one after another, per run (default 20000)
              --seeds S     runs with the seeds 1..S (default 20)
              -h, --help    show this help

            Last line: {"rates":[..],"people":N,"seeds":S,"bandit_regret_mean":X,"uniform_regret_mean":X,
            "regret_ratio":X,"bandit_below_uniform":K,"best_variant_share_mean":X}
            Exit codes: 0 success, 2 bad options.""";

    private BanditEvaluation() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (CommandLineOptions.wantsHelp(args)) {
            out.println(USAGE);
            return 0;
        }
        double[] rates;
        int people;
        int seeds;
        try {
            CommandLineOptions options = CommandLineOptions.parse(Set.of("--rates", "--people", "--seeds"), args);
            rates = Arrays.stream(options.text("--rates", "0.02,0.03,0.05").split(","))
                    .mapToDouble(rate -> {
                        try {
                            return Double.parseDouble(rate.strip());
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--rates must be numbers, had '" + rate + "'", e);
                        }
                    }).toArray();
            people = options.integer("--people", 20_000, 1, 10_000_000);
            seeds = options.integer("--seeds", 20, 1, 1_000);
            BanditSimulation.run(rates, 1, 1);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        int best = 0;
        for (int i = 1; i < rates.length; i++) {
            if (rates[i] > rates[best]) {
                best = i;
            }
        }
        double bandit = 0;
        double uniform = 0;
        double bestShare = 0;
        int below = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            BanditSimulation run = BanditSimulation.run(rates, people, seed);
            bandit += run.banditRegret();
            uniform += run.uniformRegret();
            bestShare += (double) run.banditPulls().get(best) / people;
            if (run.banditRegret() < run.uniformRegret()) {
                below++;
            }
            err.printf(Locale.ROOT, "seed %d: bandit regret %.1f, uniform %.1f, pulls %s%n", seed,
                    run.banditRegret(), run.uniformRegret(), run.banditPulls());
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        var rateArray = result.putArray("rates");
        Arrays.stream(rates).forEach(rateArray::add);
        result.put("people", people);
        result.put("seeds", seeds);
        result.put("bandit_regret_mean", round(bandit / seeds));
        result.put("uniform_regret_mean", round(uniform / seeds));
        result.put("regret_ratio", uniform == 0 ? 0 : round(bandit / uniform));
        result.put("bandit_below_uniform", below);
        result.put("best_variant_share_mean", round(bestShare / seeds));
        out.println(result);
        return 0;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
