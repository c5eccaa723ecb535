package io.lotse.engine.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentDependenciesTest {

    @Test
    void segmentsComeAfterTheSegmentsTheyReferTo() {
        SegmentDependencies dependencies = new SegmentDependencies(Map.of(
                "a-uses-b", Set.of("b-uses-c"),
                "b-uses-c", Set.of("c"),
                "c", Set.of(),
                "d-uses-unknown", Set.of("gone")));

        assertThat(dependencies.evaluationOrder()).containsExactly("c", "d-uses-unknown", "b-uses-c", "a-uses-b");
    }

    @Test
    void findsTheCircleANewReferenceWouldClose() {
        SegmentDependencies dependencies = new SegmentDependencies(Map.of(
                "a", Set.of("b"), "b", Set.of("c"), "c", Set.of(), "x", Set.of()));

        assertThat(dependencies.circleThrough("c", Set.of("a"))).contains(List.of("c", "a", "b", "c"));
        assertThat(dependencies.circleThrough("c", Set.of("c"))).contains(List.of("c", "c"));
        assertThat(dependencies.circleThrough("c", Set.of("x"))).isEmpty();
        assertThat(dependencies.circleThrough("new", Set.of("a", "x"))).isEmpty();
    }

    @Test
    void segmentsInACircleStillGetEvaluatedLast() {
        SegmentDependencies dependencies = new SegmentDependencies(Map.of(
                "a", Set.of("b"), "b", Set.of("a"), "c", Set.of()));

        assertThat(dependencies.evaluationOrder()).containsExactly("c", "a", "b");
    }
}
