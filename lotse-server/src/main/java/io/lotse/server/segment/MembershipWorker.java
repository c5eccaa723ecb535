package io.lotse.server.segment;

import io.lotse.server.platform.BackgroundLoop;
import io.lotse.server.profile.ProfileErased;
import io.lotse.server.predict.ScoresRefreshed;
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
 * least every second, so that a profile enters or leaves within seconds of the event that changed it. A training run
 * that replaced the prediction scores (churn risk, RFM segment, CLV, propensity) brings the next full evaluation
 * forward to now, so that rules on scores follow the new scores within seconds rather than at the next interval.
 */
@Component
class MembershipWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MembershipWorker.class);

    private final Segments segments;
    private final ChangedProfiles changed;
    private final Duration fullEvaluationInterval;
    private final BackgroundLoop loop;
    private volatile boolean fullEvaluationRequested;
    /** When the next full evaluation is due, by {@link System#nanoTime()}; the loop's thread only. */
    private long nextFullEvaluation;

    MembershipWorker(Segments segments, ChangedProfiles changed, SegmentSettings settings) {
        this.segments = segments;
        this.changed = changed;
        this.fullEvaluationInterval = settings.fullEvaluationInterval();
        this.loop = BackgroundLoop.named("segment-members", this::round)
                .wakingRoundWith(changed::wakeUp)
                .pausingAfterFailure(Duration.ofSeconds(1), e -> log.error("Updating segment members failed", e))
                .build();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ProfilesChanged event) {
        changed.add(event.profileIds());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ScoresRefreshed event) {
        fullEvaluationRequested = true;
        loop.wakeUp();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ProfileErased event) {
        segments.forget(event.profileIds());
    }

    /**
     * Evaluates everything if due, then the profiles that changed, waiting up to a second for them: the round does
     * the waiting, so the loop never waits again after it.
     */
    private boolean round() throws InterruptedException {
        if (fullEvaluationRequested || System.nanoTime() - nextFullEvaluation >= 0) {
            fullEvaluationRequested = false;
            segments.evaluateAll();
            nextFullEvaluation = System.nanoTime() + fullEvaluationInterval.toNanos();
        }
        List<Long> profileIds = changed.take(1, TimeUnit.SECONDS);
        if (!profileIds.isEmpty()) {
            segments.evaluateChanged(profileIds);
        }
        return false;
    }

    @Override
    public void start() {
        nextFullEvaluation = System.nanoTime();
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
