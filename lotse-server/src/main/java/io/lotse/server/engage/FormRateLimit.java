package io.lotse.server.engage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Limits form submissions per sender address: at most {@value #PER_WINDOW} per form and address in
 * {@value #WINDOW_MINUTES} minutes, counted in memory (a spam burst hits one process; the limit need not survive a
 * restart).
 */
@Component
class FormRateLimit {

    static final int PER_WINDOW = 5;
    static final int WINDOW_MINUTES = 10;
    private static final Duration WINDOW = Duration.ofMinutes(WINDOW_MINUTES);
    private static final int MAX_TRACKED = 100_000;

    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    /** Counts a submission; false when the address has sent too many to this form lately. */
    boolean allow(String formKey, String ip, Instant now) {
        if (recent.size() > MAX_TRACKED) {
            Instant cutoff = now.minus(WINDOW);
            recent.values().removeIf(times -> {
                synchronized (times) {
                    return times.isEmpty() || times.peekLast().isBefore(cutoff);
                }
            });
        }
        Deque<Instant> times = recent.computeIfAbsent(formKey + "|" + ip, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
                times.pollFirst();
            }
            if (times.size() >= PER_WINDOW) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }
}
