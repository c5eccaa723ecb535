package io.lotse.engine.recommend;

import java.time.Instant;

/** Small interaction matrices written as one item list per person. */
final class Fixtures {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant END = Instant.parse("2026-02-01T00:00:00Z");
    static final long NOW = END.getEpochSecond();

    private Fixtures() {}

    /** Each row a person, holding the given items once, a day before the end. */
    static Interactions matrix(int items, int[]... rows) {
        Interactions.Builder builder = Interactions.builder(rows.length, items);
        for (int person = 0; person < rows.length; person++) {
            for (int item : rows[person]) {
                builder.add(person, item, 1, NOW - 86_400);
            }
        }
        return builder.build();
    }

    static DataWindow window(Interactions interactions) {
        return DataWindow.of(interactions, START, END);
    }

    static int[] row(int... items) {
        return items;
    }
}
