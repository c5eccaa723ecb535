package io.lotse.server.recommend;

import io.lotse.server.collect.EventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Trains a model shortly after start, then every {@code lotse.recommend.training-interval}; in between it trains
 * early when the log has grown by half since the last training (at least 1,000 events), so that a freshly
 * loaded shop gets a useful model within a minute or two rather than an hour.
 */
@Component
class TrainingSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TrainingSchedule.class);
    private static final long MIN_GROWTH = 1_000;

    private final RecommendationModels models;
    private final EventLog eventLog;
    private final RecommendSettings settings;
    private volatile ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private volatile boolean running;

    TrainingSchedule(RecommendationModels models, EventLog eventLog, RecommendSettings settings) {
        this.models = models;
        this.eventLog = eventLog;
        this.settings = settings;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "recommend-training");
            thread.setDaemon(true);
            thread.setPriority(Thread.NORM_PRIORITY - 1);
            return thread;
        });
        running = true;
        scheduler.schedule(this::trainQuietly, settings.firstTraining().toMillis(), TimeUnit.MILLISECONDS);
        long check = settings.growthCheck().toMillis();
        scheduler.scheduleWithFixedDelay(this::check, check, check, TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (!running) {
            return;
        }
        try {
            TrainedModel model = models.current();
            boolean due = model.trainedAt() == null
                    || Duration.between(model.trainedAt(), Instant.now()).compareTo(settings.trainingInterval()) >= 0;
            long trainedUpTo = model.logHead();
            boolean grown = eventLog.head() - trainedUpTo >= Math.max(MIN_GROWTH, trainedUpTo / 2);
            if (due || grown) {
                trainQuietly();
            }
        } catch (RuntimeException e) {
            log.warn("Could not check whether a new recommendation model is due", e);
        }
    }

    private void trainQuietly() {
        if (!running) {
            return;
        }
        try {
            models.train();
        } catch (RuntimeException e) {
            log.error("Training the recommendation model failed; the previous model keeps serving", e);
        } finally {
            }
    }

    @Override
    public void stop() {
        running = false;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
