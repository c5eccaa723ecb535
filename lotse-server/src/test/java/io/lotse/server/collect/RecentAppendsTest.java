package io.lotse.server.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The newest appends in memory answer only when they know every event the question covers. */
class RecentAppendsTest {

    private final RecentAppends recent = new RecentAppends(5);

    @Test
    void eventsAfterAPositionComeInLogOrderUpToTheLimit() {
        append(1, 4);

        assertThat(seqs(recent.after(0, 10))).containsExactly(1L, 2L, 3L, 4L);
        assertThat(seqs(recent.after(2, 1))).containsExactly(3L);
    }

    @Test
    void withNothingNewerHeldTheDatabaseIsAsked() {
        append(1, 3);

        assertThat(recent.after(3, 10)).as("another process may have appended since").isNull();
        assertThat(new RecentAppends(3).after(0, 10)).as("nothing held yet").isNull();
    }

    @Test
    void aPositionBeforeWhatIsHeldIsReadFromTheDatabase() {
        append(10, 12);

        assertThat(recent.after(8, 10)).as("event 9 may exist").isNull();
        assertThat(seqs(recent.after(9, 10))).containsExactly(10L, 11L, 12L);
    }

    @Test
    void evictedEventsAreNoLongerAnswered() {
        append(1, 4);
        append(5, 7);

        assertThat(recent.after(1, 10)).as("events 1 and 2 were evicted").isNull();
        assertThat(seqs(recent.after(2, 10))).containsExactly(3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void aReservationThatSkipsPositionsMeansAnotherWriterAppendedAndForgetsEverything() {
        append(1, 2);
        append(5, 6);

        assertThat(recent.after(2, 10)).as("3 and 4 came from elsewhere").isNull();
        assertThat(seqs(recent.after(4, 10))).containsExactly(5L, 6L);
    }

    @Test
    void aReservationWithGapsMeansAnotherWriterInterleavedAndNothingUpToItsEndIsAnswered() {
        append(1, 2);
        recent.reserved(3, 6, 3);
        recent.committed(List.of(track(3, "Viewed"), track(4, "Viewed"), track(6, "Viewed")));
        append(7, 8);

        assertThat(recent.after(2, 10)).as("position 5 is someone else's").isNull();
        assertThat(seqs(recent.after(6, 10))).containsExactly(7L, 8L);
    }

    @Test
    void positionsOfARolledBackAppendLeaveAGapThatHidesNothing() {
        append(1, 2);
        recent.reserved(3, 4, 2);
        append(5, 6);

        assertThat(seqs(recent.after(0, 10))).containsExactly(1L, 2L, 5L, 6L);
    }

    @Test
    void afterEventsWereDeletedNothingAppendedBeforeIsAnsweredButLaterAppendsAre() {
        append(1, 3);

        recent.forget();
        append(4, 5);

        assertThat(recent.after(0, 10)).isNull();
        assertThat(recent.trackEventsBetween(0, 5, Set.of("Viewed"))).isNull();
        assertThat(seqs(recent.after(3, 10))).containsExactly(4L, 5L);
    }

    @Test
    void trackEventsAreFilteredByNameWithinTheWindow() {
        recent.reserved(1, 3, 3);
        recent.committed(List.of(track(1, "Product Viewed"), track(2, "Order Completed"), track(3, "Product Viewed")));

        assertThat(seqs(recent.trackEventsBetween(0, 2, Set.of("Product Viewed")))).containsExactly(1L);
        assertThat(seqs(recent.trackEventsBetween(0, 3, Set.of("Product Viewed")))).containsExactly(1L, 3L);
        assertThat(recent.trackEventsBetween(0, 4, Set.of("Product Viewed"))).as("4 is not known here").isNull();
    }

    private void append(long first, long last) {
        recent.reserved(first, last, (int) (last - first + 1));
        recent.committed(LongStream.rangeClosed(first, last).mapToObj(seq -> track(seq, "Viewed")).toList());
    }

    private static RecentAppends.Entry track(long seq, String name) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("type", "track");
        payload.putObject("properties").put("sku", "A-" + seq);
        return RecentAppends.entryOf(new CollectedEvent("m-" + seq, EventType.TRACK, name, null, "anon", Instant.EPOCH,
                Instant.EPOCH, payload)).at(seq);
    }

    private static List<Long> seqs(List<RecentAppends.Entry> entries) {
        assertThat(entries).isNotNull();
        return entries.stream().map(entry -> entry.profileFields().seq()).toList();
    }
}
