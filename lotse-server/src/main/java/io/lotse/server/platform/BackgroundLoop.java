package io.lotse.server.platform;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A named daemon thread that runs a component's rounds of work one after the other until stopped; the component
 * owns it and hands it its lifecycle ({@link #start()}, {@link #stop()}, {@link #isRunning()}).
 *
 * <p>A round that reports more work already waiting is followed by the next at once. Otherwise the loop first
 * sleeps for the gathering pause, if any (so that a stream of small arrivals is handled in fewer, larger rounds),
 * then waits for {@link #wakeUp()} for at most the idle wait; wake-ups that came meanwhile are used up by that
 * wait. A round that throws a {@link RuntimeException} is handed to the failure report, and the next round starts
 * after the failure pause, so a lasting fault (the database gone) neither ends the loop nor spins it. An interrupt
 * of the thread ends the loop.
 *
 * <p>{@link #stop()} ends the loop after the round under way, which it lets finish unless told to interrupt it;
 * {@link #start()} after {@link #stop()} starts a new thread.
 */
public final class BackgroundLoop {

    /** One round of a loop's work. */
    @FunctionalInterface
    public interface Round {

        /**
         * Does one round of work; returns true when more work is already waiting, so that the next round starts at
         * once, false when the loop may wait for a wake-up.
         */
        boolean run() throws InterruptedException;
    }

    private final String threadName;
    private final Round round;
    private final Duration idleWait;
    private final Duration gatheringPause;
    private final Duration pauseAfterFailure;
    private final Consumer<RuntimeException> failureReport;
    private final Runnable wakeRound;
    private final boolean interruptOnStop;
    private final Duration stopTimeout;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private volatile @Nullable Thread thread;

    private BackgroundLoop(Builder builder, Duration pauseAfterFailure, Consumer<RuntimeException> failureReport) {
        this.threadName = builder.threadName;
        this.round = builder.round;
        this.idleWait = builder.idleWait;
        this.gatheringPause = builder.gatheringPause;
        this.pauseAfterFailure = pauseAfterFailure;
        this.failureReport = failureReport;
        this.wakeRound = builder.wakeRound;
        this.interruptOnStop = builder.interruptOnStop;
        this.stopTimeout = builder.stopTimeout;
    }

    /** Starts describing a loop whose thread has the given name and which runs the given round. */
    public static Builder named(String threadName, Round round) {
        return new Builder(threadName, round);
    }

    /** Ends the current wait for work, if any, or else the next one; callable from any thread. */
    public void wakeUp() {
        wakeUps.release();
        wakeRound.run();
    }

    /** Starts the thread; after a start, call {@link #stop()} before starting again. */
    public void start() {
        running = true;
        Thread loop = new Thread(this::runRounds, threadName);
        loop.setDaemon(true);
        thread = loop;
        loop.start();
    }

    /** Asks the loop to end and waits for its thread to end, at most for the stop timeout. */
    public void stop() {
        running = false;
        wakeUp();
        Thread loop = thread;
        if (loop == null) {
            return;
        }
        if (interruptOnStop) {
            loop.interrupt();
        }
        try {
            loop.join(stopTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the loop was started and not stopped since. */
    public boolean isRunning() {
        return running;
    }

    private void runRounds() {
        while (running) {
            try {
                if (!round.run()) {
                    awaitWork();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failureReport.accept(e);
                try {
                    Thread.sleep(pauseAfterFailure.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void awaitWork() throws InterruptedException {
        if (!gatheringPause.isZero()) {
            Thread.sleep(gatheringPause.toMillis());
        }
        wakeUps.tryAcquire(idleWait.toNanos(), TimeUnit.NANOSECONDS);
        wakeUps.drainPermits();
    }

    /** Describes a {@link BackgroundLoop}; only the failure handling has no default. */
    public static final class Builder {

        private final String threadName;
        private final Round round;
        private Duration idleWait = Duration.ZERO;
        private Duration gatheringPause = Duration.ZERO;
        private @Nullable Duration pauseAfterFailure;
        private @Nullable Consumer<RuntimeException> failureReport;
        private Runnable wakeRound = () -> {};
        private boolean interruptOnStop;
        private Duration stopTimeout = Duration.ofSeconds(30);

        private Builder(String threadName, Round round) {
            if (threadName.isBlank()) {
                throw new IllegalArgumentException("a background loop needs a thread name");
            }
            this.threadName = threadName;
            this.round = Objects.requireNonNull(round, "round");
        }

        /**
         * How long to wait for {@link BackgroundLoop#wakeUp()} after a round that left nothing waiting. Zero (the
         * default) suits a round that waits for its work itself.
         */
        public Builder waitingWhenIdle(Duration wait) {
            this.idleWait = notNegative(wait, "idle wait");
            return this;
        }

        /** How long to let work gather before waiting for a wake-up; none by default. */
        public Builder gatheringFor(Duration pause) {
            this.gatheringPause = notNegative(pause, "gathering pause");
            return this;
        }

        /** Hands a failed round's exception to {@code report} (to log it) and pauses that long before the next. */
        public Builder pausingAfterFailure(Duration pause, Consumer<RuntimeException> report) {
            this.pauseAfterFailure = positive(pause, "pause after a failed round");
            this.failureReport = Objects.requireNonNull(report, "report");
            return this;
        }

        /**
         * For a round that waits for its work itself (on a queue, say): how to end that wait, so that
         * {@link BackgroundLoop#wakeUp()} and {@link BackgroundLoop#stop()} reach it too.
         */
        public Builder wakingRoundWith(Runnable wake) {
            this.wakeRound = Objects.requireNonNull(wake, "wake");
            return this;
        }

        /**
         * Makes {@link BackgroundLoop#stop()} interrupt the round under way, for rounds that block on things that
         * give way to an interrupt (sends on the wire) rather than finish soon by themselves.
         */
        public Builder interruptingOnStop() {
            this.interruptOnStop = true;
            return this;
        }

        /** How long {@link BackgroundLoop#stop()} waits for the thread to end; 30 seconds by default. */
        public Builder stoppingWithin(Duration timeout) {
            this.stopTimeout = positive(timeout, "stop timeout");
            return this;
        }

        public BackgroundLoop build() {
            if (pauseAfterFailure == null || failureReport == null) {
                throw new IllegalStateException("background loop '" + threadName
                        + "' needs to know how to report a failed round and how long to pause after it");
            }
            return new BackgroundLoop(this, pauseAfterFailure, failureReport);
        }

        private static Duration notNegative(Duration duration, String what) {
            if (duration.isNegative()) {
                throw new IllegalArgumentException("the " + what + " must not be negative, not " + duration);
            }
            return duration;
        }

        private static Duration positive(Duration duration, String what) {
            if (notNegative(duration, what).isZero()) {
                throw new IllegalArgumentException("the " + what + " must be positive, not " + duration);
            }
            return duration;
        }
    }
}
