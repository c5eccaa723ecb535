package io.lotse.server.segment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Profiles whose segment memberships may have changed, waiting for the membership worker. */
@Component
class ChangedProfiles {

    /** Most profiles one incremental pass takes; the rest wait for the next pass. */
    static final int MAX_PER_PASS = 50_000;

    private final Set<Long> waiting = ConcurrentHashMap.newKeySet();
    private final Semaphore arrived = new Semaphore(0);

    void add(Collection<Long> profileIds) {
        if (!profileIds.isEmpty()) {
            waiting.addAll(profileIds);
            arrived.release();
        }
    }

    /** Waits up to {@code timeout} for profiles, then takes what is waiting (possibly nothing). */
    List<Long> take(long timeout, TimeUnit unit) throws InterruptedException {
        if (waiting.isEmpty() && arrived.tryAcquire(timeout, unit)) {
            arrived.drainPermits();
        }
        List<Long> taken = new ArrayList<>(Math.min(waiting.size(), MAX_PER_PASS));
        Iterator<Long> each = waiting.iterator();
        while (each.hasNext() && taken.size() < MAX_PER_PASS) {
            taken.add(each.next());
            each.remove();
        }
        return taken;
    }

    /** Wakes a waiting {@link #take} without profiles, e.g. to stop. */
    void wakeUp() {
        arrived.release();
    }
}
