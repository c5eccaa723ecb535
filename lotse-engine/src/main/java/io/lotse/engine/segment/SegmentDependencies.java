package io.lotse.engine.segment;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Segments that refer to other segments: the order to evaluate them in and the circles to refuse.
 *
 * @param references each segment's key with the keys its rule refers to
 */
public record SegmentDependencies(Map<String, Set<String>> references) {

    public SegmentDependencies {
        Map<String, Set<String>> copy = new TreeMap<>();
        references.forEach((key, refs) -> copy.put(key, Set.copyOf(refs)));
        references = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * The circle that would arise if {@code key}'s rule referred to {@code newReferences} instead: the keys along
     * it, starting and ending with {@code key} ({@code [a, b, a]}); empty when there is none.
     */
    public Optional<List<String>> circleThrough(String key, Set<String> newReferences) {
        Map<String, Set<String>> graph = new HashMap<>(references);
        graph.put(key, newReferences);
        Map<String, String> reachedFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        for (String next : new TreeSet<>(newReferences)) {
            if (reachedFrom.putIfAbsent(next, key) == null) {
                queue.add(next);
            }
        }
        while (!queue.isEmpty()) {
            String current = queue.poll();
            if (current.equals(key)) {
                List<String> circle = new ArrayList<>();
                String step = key;
                do {
                    circle.add(0, step);
                    step = reachedFrom.get(step);
                } while (!step.equals(key));
                circle.add(0, key);
                return Optional.of(circle);
            }
            for (String next : new TreeSet<>(graph.getOrDefault(current, Set.of()))) {
                if (reachedFrom.putIfAbsent(next, current) == null) {
                    queue.add(next);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Every segment after the segments it refers to (references to unknown keys are ignored), otherwise by key.
     * Segments caught in a circle, which {@link #circleThrough} keeps out, come last, by key.
     */
    public List<String> evaluationOrder() {
        List<String> order = new ArrayList<>(references.size());
        Set<String> done = new HashSet<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Map.Entry<String, Set<String>> segment : references.entrySet()) {
                if (done.contains(segment.getKey())) {
                    continue;
                }
                boolean ready = segment.getValue().stream()
                        .allMatch(ref -> done.contains(ref) || !references.containsKey(ref));
                if (ready) {
                    order.add(segment.getKey());
                    done.add(segment.getKey());
                    progress = true;
                }
            }
        }
        references.keySet().stream().filter(key -> !done.contains(key)).forEach(order::add);
        return order;
    }
}
