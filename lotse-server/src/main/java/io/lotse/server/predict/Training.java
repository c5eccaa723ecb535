package io.lotse.server.predict;

import java.time.Instant;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * One training run from the event log to stored scores: the activity per profile and day, the lifetime-value
 * models (with the Pareto/NBD comparison fitted meanwhile), RFM, the propensity models, then every score written
 * at once.
 */
@Component
class Training {

    private final ActivityQuery activityQuery;
    private final ScoreWriter writer;
    private final ParetoComparison pareto;
    private final PredictProperties settings;

    Training(ActivityQuery activityQuery, ScoreWriter writer, ParetoComparison pareto, PredictProperties settings) {
        this.activityQuery = activityQuery;
        this.writer = writer;
        this.pareto = pareto;
        this.settings = settings;
    }

    /**
     * Trains on the window and replaces the stored scores, recording settings and fitted parameters in
     * {@code parameters} and fit figures and timings in {@code metrics} as it goes (so that a failed run keeps
     * what was learnt up to the failure).
     *
     * @return how many profiles were scored
     * @throws NotEnoughDataException when the window holds too little to train the lifetime-value models
     */
    int run(long modelId, TrainingWindow window, ObjectNode parameters, ObjectNode metrics) {
        ObjectNode timings = metrics.putObject("timings_ms");
        parameters.put("seed", settings.seed());
        parameters.set("propensity_events", parameters.arrayNode().addAll(settings.propensityEvents().stream()
                .map(name -> parameters.stringNode(name)).toList()));
        long started = System.nanoTime();
        Activity activity = activityQuery.read(window, settings.zone(), settings.propensityEvents());
        long read = System.nanoTime();
        timings.put("read_activity", millis(started, read));
        metrics.put("profiles_active", activity.profileCount());
        metrics.put("profile_days", activity.rowCount());
        metrics.put("last_day", activity.lastDay.toString());
        if (activity.profileCount() == 0) {
            throw new NotEnoughDataException("No profile has events in the data window" + describe(window)
                    + "; send or import events first.");
        }
        LifetimeValueModels lifetimeValue = LifetimeValueModels.fit(activity, settings);
        parameters.setAll(lifetimeValue.parameters());
        metrics.setAll(lifetimeValue.metrics());
        ParetoComparison.Pending comparison = pareto.start(lifetimeValue.sample(settings.paretoSample(),
                settings.seed()));
        long fitted = System.nanoTime();
        timings.put("fit_lifetime_value", millis(read, fitted));

        ScoreTable scores = new ScoreTable(activity.profiles, activity.targetEvents.size());
        lifetimeValue.score(activity, scores);
        metrics.setAll(lifetimeValue.metrics());
        long scored = System.nanoTime();
        timings.put("score_lifetime_value", millis(fitted, scored));

        new PropensityModels(activity, lifetimeValue, PropensityModels.defaultLearner(), settings.seed())
                .trainAndScore(scores, parameters, metrics);
        long propensities = System.nanoTime();
        timings.put("propensity", millis(scored, propensities));
        pareto.record(comparison, lifetimeValue.purchases(), parameters, metrics);
        long compared = System.nanoTime();
        timings.put("wait_for_pareto_nbd", millis(propensities, compared));

        int written = writer.replace(modelId, scores, activity.targetEvents, Instant.now());
        long end = System.nanoTime();
        timings.put("write_scores", millis(compared, end));
        timings.put("total", millis(started, end));
        return written;
    }

    private static String describe(TrainingWindow window) {
        return window.start() == null ? " (before " + window.end() + ")"
                : " (" + window.start() + " to " + window.end() + ")";
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
