package io.lotse.engine.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionKnnTest {

    // Past sessions, oldest first: S0 {1, 2}, S1 {2, 3}, S2 {3, 4}.
    private final List<int[]> sessions = List.of(new int[] {1, 2}, new int[] {2, 3, 2}, new int[] {3, 4});

    private SessionKnn train(int neighbours, int sampleSize) {
        return SessionKnn.train(sessions, 5, new SessionKnn.Parameters(neighbours, sampleSize),
                new DataWindow(Fixtures.START, Fixtures.END, 0, 5, sessions.size()));
    }

    @Test
    void similarityWeighsSharedItemsByTheirRecencyInTheCurrentSession() {
        // Current session [2, 3]: weight 1/2 for item 2, 1 for item 3.
        // Similarities: S0 = 0.5, S1 = 1.5, S2 = 1.0; an item scores the sum over sessions holding it.
        double[] scores = new double[5];
        train(100, 500).score(new int[] {2, 3}, scores);

        assertThat(scores[1]).isCloseTo(0.5, within(1e-12));
        assertThat(scores[2]).isCloseTo(2.0, within(1e-12));
        assertThat(scores[3]).isCloseTo(2.5, within(1e-12));
        assertThat(scores[4]).isCloseTo(1.0, within(1e-12));
        assertThat(scores[0]).isZero();
    }

    @Test
    void onlyTheMostSimilarSessionsVote() {
        double[] scores = new double[5];
        train(2, 500).score(new int[] {2, 3}, scores);

        assertThat(scores).containsExactly(0, 0, 1.5, 2.5, 1.0);
    }

    @Test
    void onlyTheMostRecentCandidatesAreCompared() {
        // Sample of one: only S2, the most recent session sharing an item, is a candidate.
        double[] scores = new double[5];
        train(100, 1).score(new int[] {2, 3}, scores);

        assertThat(scores).containsExactly(0, 0, 0, 1.0, 1.0);
    }

    @Test
    void theEvidenceIsTheLatestViewSharedWithTheVotingSessions() {
        SessionKnn knn = train(100, 500);

        assertThat(knn.evidence(new int[] {2, 3}, 4)).isEqualTo(3);
        assertThat(knn.evidence(new int[] {2, 3}, 1)).isEqualTo(2);
        assertThat(knn.evidence(new int[] {2, 3}, 0)).isEqualTo(-1);
    }

    @Test
    void anEmptyOrUnknownSessionScoresNothing() {
        double[] scores = new double[5];
        train(100, 500).score(new int[] {0, 99}, scores);

        assertThat(scores).containsOnly(0.0);
    }
}
