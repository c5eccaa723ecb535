package io.lotse.engine.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * HDBSCAN (Campello, Moulavi and Sander 2013) over unit vectors with cosine distance: core distances from the
 * {@code minSamples}-th nearest neighbour, a minimum spanning tree of the mutual-reachability graph (Prim, exact,
 * O(n²) time and memory, meant for a few thousand points), its single-linkage hierarchy condensed with
 * {@code minClusterSize}, and the flat clustering of maximal total stability (excess of mass). Points in no
 * stable cluster are noise. Deterministic.
 */
public final class Hdbscan {

    /** The label of noise points. */
    public static final int NOISE = -1;

    private final int minClusterSize;
    private final int minSamples;

    /**
     * @param minClusterSize smallest group that counts as a cluster (at least 2)
     * @param minSamples     neighbours that make a point a core point (at least 1)
     */
    public Hdbscan(int minClusterSize, int minSamples) {
        if (minClusterSize < 2 || minSamples < 1) {
            throw new IllegalArgumentException("minClusterSize must be at least 2 and minSamples at least 1");
        }
        this.minClusterSize = minClusterSize;
        this.minSamples = minSamples;
    }

    /** A cluster label per point, 0, 1, … in order of first appearance, or {@link #NOISE}. */
    public int[] cluster(List<float[]> points) {
        int n = points.size();
        int[] labels = new int[n];
        Arrays.fill(labels, NOISE);
        if (n < minClusterSize) {
            return labels;
        }
        float[][] distance = new float[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                float d = cosineDistance(points.get(i), points.get(j));
                distance[i][j] = d;
                distance[j][i] = d;
            }
        }
        double[] core = new double[n];
        int k = Math.min(minSamples, n - 1);
        for (int i = 0; i < n; i++) {
            float[] row = distance[i].clone();
            row[i] = Float.POSITIVE_INFINITY;
            Arrays.sort(row);
            core[i] = row[k - 1];
        }
        // Prim's algorithm on the complete mutual-reachability graph.
        int[] from = new int[n - 1];
        int[] to = new int[n - 1];
        double[] weight = new double[n - 1];
        boolean[] inTree = new boolean[n];
        double[] best = new double[n];
        int[] bestFrom = new int[n];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        int current = 0;
        inTree[0] = true;
        for (int edge = 0; edge < n - 1; edge++) {
            int next = -1;
            for (int j = 0; j < n; j++) {
                if (inTree[j]) {
                    continue;
                }
                double reach = Math.max(distance[current][j], Math.max(core[current], core[j]));
                if (reach < best[j]) {
                    best[j] = reach;
                    bestFrom[j] = current;
                }
                if (next < 0 || best[j] < best[next]) {
                    next = j;
                }
            }
            from[edge] = bestFrom[next];
            to[edge] = next;
            weight[edge] = best[next];
            inTree[next] = true;
            current = next;
        }
        return condense(n, from, to, weight);
    }

    private int[] condense(int n, int[] from, int[] to, double[] weight) {
        Integer[] order = new Integer[n - 1];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(weight[a], weight[b]));
        // Single-linkage dendrogram: leaves 0..n-1, merges n..2n-2.
        int nodes = 2 * n - 1;
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        int[] size = new int[nodes];
        double[] height = new double[nodes];
        int[] parentSet = new int[nodes];
        int[] top = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            parentSet[i] = i;
            top[i] = i;
            size[i] = i < n ? 1 : 0;
        }
        int next = n;
        for (int index : order) {
            int a = find(parentSet, from[index]);
            int b = find(parentSet, to[index]);
            left[next] = top[a];
            right[next] = top[b];
            size[next] = size[top[a]] + size[top[b]];
            height[next] = weight[index];
            parentSet[a] = b;
            top[b] = next;
            next++;
        }
        int root = nodes - 1;

        List<Integer> clusterParent = new ArrayList<>();
        List<Double> birth = new ArrayList<>();
        List<Double> stability = new ArrayList<>();
        clusterParent.add(-1);
        birth.add(0.0);
        stability.add(0.0);
        int[] clusterOfNode = new int[nodes];
        int[] fellOutOf = new int[n];
        clusterOfNode[root] = 0;
        Deque<Integer> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            int node = stack.pop();
            int cluster = clusterOfNode[node];
            if (node < n) {
                fellOutOf[node] = cluster;
                continue;
            }
            double lambda = 1 / Math.max(height[node], 1e-12);
            int l = left[node];
            int r = right[node];
            if (size[l] >= minClusterSize && size[r] >= minClusterSize) {
                stability.set(cluster, stability.get(cluster) + (lambda - birth.get(cluster)) * size[node]);
                for (int child : new int[] {l, r}) {
                    clusterOfNode[child] = clusterParent.size();
                    clusterParent.add(cluster);
                    birth.add(lambda);
                    stability.add(0.0);
                    stack.push(child);
                }
            } else {
                for (int child : new int[] {l, r}) {
                    if (size[child] < minClusterSize) {
                        stability.set(cluster, stability.get(cluster) + (lambda - birth.get(cluster)) * size[child]);
                        markFallen(child, n, left, right, fellOutOf, cluster);
                    } else {
                        clusterOfNode[child] = cluster;
                        stack.push(child);
                    }
                }
            }
        }

        int clusters = clusterParent.size();
        boolean[] selected = new boolean[clusters];
        double[] subtree = new double[clusters];
        double[] childSum = new double[clusters];
        boolean[] hasChildren = new boolean[clusters];
        for (int c = 1; c < clusters; c++) {
            hasChildren[clusterParent.get(c)] = true;
        }
        for (int c = clusters - 1; c >= 1; c--) {
            if (!hasChildren[c] || stability.get(c) >= childSum[c]) {
                selected[c] = true;
                subtree[c] = stability.get(c);
            } else {
                subtree[c] = childSum[c];
            }
            childSum[clusterParent.get(c)] += subtree[c];
        }
        boolean[] covered = new boolean[clusters];
        for (int c = 1; c < clusters; c++) {
            int parent = clusterParent.get(c);
            covered[c] = parent > 0 && (covered[parent] || selected[parent]);
            if (covered[c]) {
                selected[c] = false;
            }
        }
        int[] labels = new int[n];
        int[] flatLabel = new int[clusters];
        Arrays.fill(flatLabel, NOISE);
        int nextLabel = 0;
        for (int point = 0; point < n; point++) {
            int c = fellOutOf[point];
            while (c > 0 && !selected[c]) {
                c = clusterParent.get(c);
            }
            if (c > 0) {
                if (flatLabel[c] == NOISE) {
                    flatLabel[c] = nextLabel++;
                }
                labels[point] = flatLabel[c];
            } else {
                labels[point] = NOISE;
            }
        }
        return labels;
    }

    private static void markFallen(int node, int n, int[] left, int[] right, int[] fellOutOf, int cluster) {
        Deque<Integer> stack = new ArrayDeque<>();
        stack.push(node);
        while (!stack.isEmpty()) {
            int current = stack.pop();
            if (current < n) {
                fellOutOf[current] = cluster;
            } else {
                stack.push(left[current]);
                stack.push(right[current]);
            }
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    static float cosineDistance(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        if (na == 0 || nb == 0) {
            return 1;
        }
        return (float) Math.max(0, 1 - dot / Math.sqrt(na * nb));
    }
}
