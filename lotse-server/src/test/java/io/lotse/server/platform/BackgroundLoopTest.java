package io.lotse.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackgroundLoopTest {

    /** Longer than any test runs: a round that follows such a wait shows that something ended the wait early. */
    private static final Duration FOREVER = Duration.ofHours(1);

    private final BlockingQueue<Thread> rounds = new LinkedBlockingQueue<>();
    private final List<BackgroundLoop> started = new ArrayList<>();

    @AfterEach
    void stopLoops() {
        started.forEach(BackgroundLoop::stop);
    }

    @Test
    void roundsFollowEachOtherAtOnceWhileWorkIsWaitingOnANamedDaemonThread() throws InterruptedException {
        AtomicInteger left = new AtomicInteger(3);
        start(BackgroundLoop.named("test-busy", () -> {
            rounds.add(Thread.currentThread());
            return left.getAndDecrement() > 0;
        }).waitingWhenIdle(FOREVER).pausingAfterFailure(Duration.ofMillis(10), BackgroundLoopTest::unexpected));

        Thread thread = nextRound();
        for (int i = 0; i < 3; i++) {
            assertThat(nextRound()).isSameAs(thread);
        }
        assertThat(thread.getName()).isEqualTo("test-busy");
        assertThat(thread.isDaemon()).isTrue();
    }

    @Test
    void aWakeUpEndsTheWaitForWork() throws InterruptedException {
        BackgroundLoop loop = start(idleLoop("test-wake-up").gatheringFor(Duration.ofMillis(1))
                .waitingWhenIdle(FOREVER));
        nextRound();

        loop.wakeUp();

        nextRound();
    }

    @Test
    void aFailedRoundIsReportedAndTriedAgainAfterThePause() throws InterruptedException {
        List<RuntimeException> reported = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        BackgroundLoop loop = start(BackgroundLoop.named("test-failing", () -> {
            rounds.add(Thread.currentThread());
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("the database is gone");
            }
            return false;
        }).waitingWhenIdle(FOREVER).pausingAfterFailure(Duration.ofMillis(10), reported::add));

        nextRound();
        nextRound();

        assertThat(reported).singleElement().extracting(Throwable::getMessage).isEqualTo("the database is gone");
        assertThat(loop.isRunning()).isTrue();
    }

    @Test
    void stopEndsTheThreadWhileItWaitsForWork() throws InterruptedException {
        BackgroundLoop loop = start(idleLoop("test-stop").waitingWhenIdle(FOREVER));
        Thread thread = nextRound();

        loop.stop();

        assertThat(thread.isAlive()).isFalse();
        assertThat(loop.isRunning()).isFalse();
    }

    @Test
    void stopInterruptsABlockedRoundWhenToldTo() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        BackgroundLoop loop = start(BackgroundLoop.named("test-interrupt", () -> {
            rounds.add(Thread.currentThread());
            never.await();
            return false;
        }).interruptingOnStop().pausingAfterFailure(Duration.ofMillis(10), BackgroundLoopTest::unexpected));
        Thread thread = nextRound();

        loop.stop();

        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void wakeUpAndStopReachARoundThatWaitsForItsOwnWork() throws InterruptedException {
        Semaphore arrived = new Semaphore(0);
        BackgroundLoop loop = start(BackgroundLoop.named("test-own-wait", () -> {
            rounds.add(Thread.currentThread());
            arrived.tryAcquire(1, TimeUnit.HOURS);
            return false;
        }).wakingRoundWith(arrived::release)
                .pausingAfterFailure(Duration.ofMillis(10), BackgroundLoopTest::unexpected));
        Thread thread = nextRound();

        loop.wakeUp();
        nextRound();
        loop.stop();

        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void aStoppedLoopStartsAgainOnANewThread() throws InterruptedException {
        BackgroundLoop loop = start(idleLoop("test-restart").waitingWhenIdle(FOREVER));
        Thread first = nextRound();
        loop.stop();

        loop.start();

        Thread second = nextRound();
        assertThat(second).isNotSameAs(first);
        assertThat(second.getName()).isEqualTo("test-restart");
        assertThat(loop.isRunning()).isTrue();
    }

    @Test
    void aLoopMustSayHowToHandleFailuresAndTakesNoNegativeDurations() {
        assertThatThrownBy(() -> BackgroundLoop.named("test-incomplete", () -> false).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("test-incomplete");
        assertThatThrownBy(() -> idleLoop("test-negative").waitingWhenIdle(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idle wait");
        assertThatThrownBy(() -> BackgroundLoop.named("test-no-pause", () -> false)
                .pausingAfterFailure(Duration.ZERO, e -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> BackgroundLoop.named(" ", () -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("thread name");
    }

    /** A loop whose rounds never find more work waiting and whose failures are not expected. */
    private BackgroundLoop.Builder idleLoop(String name) {
        return BackgroundLoop.named(name, () -> {
            rounds.add(Thread.currentThread());
            return false;
        }).pausingAfterFailure(Duration.ofMillis(10), BackgroundLoopTest::unexpected);
    }

    private static void unexpected(RuntimeException failure) {
        throw new AssertionError("no round was meant to fail", failure);
    }

    private BackgroundLoop start(BackgroundLoop.Builder builder) {
        BackgroundLoop loop = builder.build();
        started.add(loop);
        loop.start();
        return loop;
    }

    /** The thread of the next round, waiting generously for it to begin. */
    private Thread nextRound() throws InterruptedException {
        Thread thread = rounds.poll(30, TimeUnit.SECONDS);
        assertThat(thread).as("a next round began").isNotNull();
        return thread;
    }
}
