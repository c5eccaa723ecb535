package io.lotse.server.predict;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retrains on the whole history on a schedule: {@code lotse.predict.retrain-cron}, a Spring cron expression
 * (second minute hour day month weekday) in the server's time zone, by default every night at 03:30; {@code -}
 * switches it off. A run still in progress at that time is left to finish and this one skipped.
 */
@Component
class RetrainSchedule {

    static final String DEFAULT_CRON = "0 30 3 * * *";

    private static final Logger log = LoggerFactory.getLogger(RetrainSchedule.class);

    private final ModelTraining training;

    RetrainSchedule(ModelTraining training) {
        this.training = training;
    }

    @Scheduled(cron = "${lotse.predict.retrain-cron:" + DEFAULT_CRON + "}")
    void retrain() {
        try {
            long id = training.start("schedule", new TrainingWindow(null, Instant.now()));
            log.info("Scheduled training run {} started", id);
        } catch (TrainingInProgressException busy) {
            log.info("Scheduled training skipped: {}", busy.getMessage());
        }
    }
}
