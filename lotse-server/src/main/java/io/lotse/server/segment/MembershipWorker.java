package io.lotse.server.segment;

import io.lotse.server.profile.ProfileErased;
import io.lotse.server.profile.ProfilesChanged;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps segment members current on one background thread: after start and then every
 * {@code lotse.segments.full-evaluation-interval} it evaluates every segment over all profiles; in between it
 * re-evaluates every segment for the profiles that committed changes touched, as soon as they arrive and at
 * least every second, so that a profile enters or leaves within seconds of the event that changed it.
 */
@Component
class MembershipWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MembershipWorker.class);
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

    private final Segments segments;
    private final ChangedProfiles changed;
    private final Duration fullEvaluationInterval;
    private volatile boolean running;
    private Thread thread = new Thread(() -> {});

    MembershipWorker(Segments segments, ChangedProfiles changed, SegmentSettings settings) {
        this.segments = segments;
        this.changed = changed;
        this.fullEvaluationInterval = settings.fullEvaluationInterval();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ProfilesChanged event) {
        changed.add(event.profileIds());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ProfileErased event) {
        segments.forget(event.profileIds());
    }

    private void runLoop() {
        long nextFullEvaluation = System.nanoTime();
        while (running) {
            try {
                if (System.nanoTime() - nextFullEvaluation >= 0) {
                    segments.evaluateAll();
                    nextFullEvaluation = System.nanoTime() + fullEvaluationInterval.toNanos();
                }
                List<Long> profileIds = changed.take(1, TimeUnit.SECONDS);
                if (!profileIds.isEmpty()) {
                    segments.evaluateChanged(profileIds);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Updating segment members failed", e);
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_FAILURE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::runLoop, "segment-members");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        changed.wakeUp();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
