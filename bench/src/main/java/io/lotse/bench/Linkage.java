package io.lotse.bench;

import java.util.HashMap;
import java.util.Map;

/** Union-find over identifiers: which identifiers the events tie together. */
final class Linkage {

    private final Map<String, String> parent = new HashMap<>();

    void link(String a, String b) {
        String rootA = find(a);
        String rootB = find(b);
        if (!rootA.equals(rootB)) {
            parent.put(rootA, rootB);
        }
    }

    /** A representative of the identifier's group; the identifier itself when it was never linked. */
    String find(String identifier) {
        String root = identifier;
        String next;
        while ((next = parent.get(root)) != null) {
            root = next;
        }
        String current = identifier;
        while (!current.equals(root)) {
            String following = parent.put(current, root);
            current = following == null ? root : following;
        }
        return root;
    }
}
