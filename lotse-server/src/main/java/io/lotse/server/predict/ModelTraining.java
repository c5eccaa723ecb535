package io.lotse.server.predict;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starts training runs, on demand or on schedule, one at a time across every Lotse process on the database: a
 * run holds a session-level advisory lock for its whole duration, and a request while it is held is refused.
 * Every run is recorded in {@code prediction_models} when it starts and completed when it ends, succeeded with
 * its parameters and metrics or failed with the reason; a success publishes {@link ScoresRefreshed}.
 */
@Service
class ModelTraining implements DisposableBean {

    /** The advisory lock key of training, "LOTSEPRD". */
    static final long TRAINING_LOCK = 0x4C4F_5453_4550_5244L;

    private static final Logger log = LoggerFactory.getLogger(ModelTraining.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final DataSource dataSource;
    private final ModelRuns runs;
    private final Training training;
    private final PredictProperties settings;
    private final ApplicationEventPublisher events;
    private final ExecutorService background = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "lotse-predict");
        thread.setDaemon(true);
        return thread;
    });

    ModelTraining(DataSource dataSource, ModelRuns runs, Training training, PredictProperties settings,
                  ApplicationEventPublisher events) {
        this.dataSource = dataSource;
        this.runs = runs;
        this.training = training;
        this.settings = settings;
        this.events = events;
    }

    /**
     * Starts a run in the background.
     *
     * @param trigger {@code api}, {@code ui} or {@code schedule}
     * @return the run's id
     * @throws TrainingInProgressException when a run is in progress
     */
    long start(String trigger, TrainingWindow window) {
        TrainingLock lock = TrainingLock.acquire(dataSource, runs);
        try {
            long id = begin(trigger, window);
            background.execute(() -> {
                try (lock) {
                    execute(id, window);
                }
            });
            return id;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Runs in the caller's thread and returns the finished run, succeeded or failed.
     *
     * @throws TrainingInProgressException when a run is in progress
     */
    ModelRun runNow(String trigger, TrainingWindow window) {
        try (TrainingLock lock = TrainingLock.acquire(dataSource, runs)) {
            long id = begin(trigger, window);
            execute(id, window);
            return runs.find(id).orElseThrow();
        }
    }

    private long begin(String trigger, TrainingWindow window) {
        Instant now = Instant.now();
        long id = runs.start(trigger, window, settings.seed(), now);
        int interrupted = runs.failInterrupted(id, now);
        if (interrupted > 0) {
            log.warn("{} training run(s) recorded as running had been interrupted; marked as failed", interrupted);
        }
        return id;
    }

    private void execute(long id, TrainingWindow window) {
        ObjectNode parameters = NODES.objectNode();
        ObjectNode metrics = NODES.objectNode();
        try {
            int profiles = training.run(id, window, parameters, metrics);
            Instant done = Instant.now();
            runs.succeed(id, parameters, metrics, profiles, done);
            log.info("Training run {} scored {} profiles in {} ms", id, profiles,
                    metrics.path("timings_ms").path("total").asLong());
            events.publishEvent(new ScoresRefreshed(id, profiles, done));
        } catch (NotEnoughDataException e) {
            log.info("Training run {} had too little data: {}", id, e.getMessage());
            runs.fail(id, new ModelRun.Failure("not-enough-data", e.getMessage()), parameters, metrics,
                    Instant.now());
        } catch (RuntimeException e) {
            log.error("Training run {} failed", id, e);
            runs.fail(id, new ModelRun.Failure("error", "The run failed: " + e), parameters, metrics,
                    Instant.now());
        }
    }

    @Override
    public void destroy() {
        background.shutdownNow();
    }

    /** The training lock, held by one pooled connection for as long as a run lasts. */
    private static final class TrainingLock implements AutoCloseable {

        private final Connection connection;

        private TrainingLock(Connection connection) {
            this.connection = connection;
        }

        static TrainingLock acquire(DataSource dataSource, ModelRuns runs) {
            Connection connection;
            try {
                connection = dataSource.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException("no database connection for training: " + e.getMessage(), e);
            }
            boolean locked = false;
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                statement.setLong(1, TRAINING_LOCK);
                try (ResultSet result = statement.executeQuery()) {
                    locked = result.next() && result.getBoolean(1);
                }
            } catch (SQLException e) {
                closeQuietly(connection);
                throw new IllegalStateException("taking the training lock failed: " + e.getMessage(), e);
            }
            if (!locked) {
                closeQuietly(connection);
                throw new TrainingInProgressException(runs.running().map(ModelRun::id).orElse(null));
            }
            return new TrainingLock(connection);
        }

        @Override
        public void close() {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                statement.setLong(1, TRAINING_LOCK);
                statement.execute();
            } catch (SQLException e) {
                log.warn("Releasing the training lock failed; it ends with the connection", e);
            } finally {
                closeQuietly(connection);
            }
        }

        private static void closeQuietly(Connection connection) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("Closing the training lock's connection failed", e);
            }
        }
    }
}
