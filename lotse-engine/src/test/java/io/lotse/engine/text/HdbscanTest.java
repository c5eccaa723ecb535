package io.lotse.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HdbscanTest {

    /** Points scattered tightly around a direction. */
    static List<float[]> blob(float[] centre, int count, double spread, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] point = centre.clone();
            for (int d = 0; d < point.length; d++) {
                point[d] += (float) ((random.nextDouble() - 0.5) * spread);
            }
            points.add(point);
        }
        return points;
    }

    @Test
    void findsTwoGroupsAndLeavesStragglersAsNoise() {
        List<float[]> points = new ArrayList<>();
        points.addAll(blob(new float[] {1, 0, 0, 0}, 12, 0.1, 1));
        points.addAll(blob(new float[] {0, 1, 0, 0}, 12, 0.1, 2));
        points.add(new float[] {0, 0, 1, 0});
        points.add(new float[] {0, 0, 0, 1});
        points.add(new float[] {0, 0, -1, 0});

        int[] labels = new Hdbscan(5, 3).cluster(points);

        int first = labels[0];
        int second = labels[12];
        assertThat(first).isNotEqualTo(Hdbscan.NOISE).isNotEqualTo(second);
        assertThat(Arrays.copyOfRange(labels, 0, 12)).containsOnly(first);
        assertThat(Arrays.copyOfRange(labels, 12, 24)).containsOnly(second);
        assertThat(Arrays.copyOfRange(labels, 24, 27)).containsOnly(Hdbscan.NOISE);
    }

    @Test
    void fewerPointsThanAClusterAreAllNoise() {
        assertThat(new Hdbscan(5, 3).cluster(blob(new float[] {1, 0}, 4, 0.1, 3))).containsOnly(Hdbscan.NOISE);
    }

    @Test
    void clusteringIsDeterministic() {
        List<float[]> points = new ArrayList<>(blob(new float[] {1, 0, 0}, 20, 0.3, 4));
        points.addAll(blob(new float[] {0, 0, 1}, 20, 0.3, 5));

        assertThat(new Hdbscan(5, 5).cluster(points)).isEqualTo(new Hdbscan(5, 5).cluster(points));
    }
}
