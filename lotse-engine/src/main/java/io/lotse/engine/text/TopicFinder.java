package io.lotse.engine.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds new topics among messages that fit no intent: their sentence embeddings are clustered with
 * {@link Hdbscan}, and each cluster is named by the words most over-represented in it compared with all the
 * messages (document frequency in the cluster times log of the ratio to the overall one; German and English
 * function words skipped). Largest topic first.
 */
public final class TopicFinder {

    private static final Set<String> STOP_WORDS = Set.copyOf(List.of("der", "die", "das", "und", "ist", "nicht", "ein", "eine",
            "einen", "einem", "einer", "mit", "auf", "für", "von", "zu", "es", "sich", "auch", "noch", "schon", "aber",
            "wenn", "dass", "wie", "was", "wir", "sie", "ich", "mir", "mich", "mein", "meine", "meinen", "meiner",
            "ihr", "ihre", "ihnen", "den", "dem", "des", "im", "in", "an", "am", "bei", "nach", "vor", "um", "oder",
            "so", "da", "hat", "habe", "haben", "bin", "sind", "war", "wird", "werden", "kann", "können", "könnten",
            "bitte", "danke", "hallo", "gibt", "gern", "gerne", "hi", "moin", "the", "and", "is", "are", "was",
            "were", "not", "a", "an", "with", "on", "for", "of", "to", "it", "also", "still", "but", "if", "that",
            "how", "what", "we", "they", "i", "me", "my", "you", "your", "in", "at", "by", "or", "so", "be", "have",
            "has", "had", "do", "does", "can", "could", "would", "please", "thanks", "thank", "hello", "there",
            "this", "any", "from", "will", "just", "about", "grüße", "viele", "vielen", "regards", "kind", "dear",
            "sehr", "geehrte", "damen", "herren", "guten", "tag", "team"));

    private final Hdbscan clustering;
    private final int keyTerms;

    /**
     * @param minClusterSize smallest number of messages that makes a topic
     * @param keyTerms       words that name a topic
     */
    public TopicFinder(int minClusterSize, int keyTerms) {
        this.clustering = new Hdbscan(minClusterSize, Math.max(1, Math.min(minClusterSize, 5)));
        this.keyTerms = keyTerms;
    }

    /**
     * The topics among the messages.
     *
     * @param texts      the messages
     * @param embeddings their sentence embeddings, one per message
     */
    public List<Topic> find(List<String> texts, List<float[]> embeddings) {
        if (texts.size() != embeddings.size()) {
            throw new IllegalArgumentException("one embedding per message is needed");
        }
        int[] labels = clustering.cluster(embeddings);
        Map<Integer, List<Integer>> members = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != Hdbscan.NOISE) {
                members.computeIfAbsent(labels[i], key -> new ArrayList<>()).add(i);
            }
        }
        List<Set<String>> words = new ArrayList<>();
        Map<String, Integer> overall = new HashMap<>();
        for (String text : texts) {
            Set<String> distinct = new HashSet<>();
            for (String word : Tokenizer.words(text)) {
                if (word.length() >= 3 && !STOP_WORDS.contains(word) && !word.chars().allMatch(Character::isDigit)) {
                    distinct.add(word);
                }
            }
            words.add(distinct);
            distinct.forEach(word -> overall.merge(word, 1, Integer::sum));
        }
        List<Topic> topics = new ArrayList<>();
        for (List<Integer> cluster : members.values()) {
            Map<String, Integer> inCluster = new HashMap<>();
            for (int i : cluster) {
                words.get(i).forEach(word -> inCluster.merge(word, 1, Integer::sum));
            }
            List<String> terms = inCluster.entrySet().stream()
                    .filter(entry -> entry.getValue() >= 2 || cluster.size() < 4)
                    .sorted(Comparator.<Map.Entry<String, Integer>>comparingDouble(entry -> -score(entry.getValue(),
                            cluster.size(), overall.get(entry.getKey()), texts.size()))
                            .thenComparing(Map.Entry::getKey))
                    .limit(keyTerms).map(Map.Entry::getKey).toList();
            topics.add(new Topic(terms.isEmpty() ? "?" : String.join(" / ", terms), terms,
                    central(cluster, embeddings)));
        }
        topics.sort(Comparator.comparingInt((Topic topic) -> -topic.members().size()).thenComparing(Topic::name));
        return topics;
    }

    private static double score(int inCluster, int clusterSize, int overall, int total) {
        double share = inCluster / (double) clusterSize;
        double background = overall / (double) total;
        return share * Math.log(share / background + 1e-9);
    }

    /** The members ordered by closeness to the cluster's mean direction. */
    private static List<Integer> central(List<Integer> cluster, List<float[]> embeddings) {
        int dimension = embeddings.get(cluster.get(0)).length;
        float[] mean = new float[dimension];
        for (int i : cluster) {
            float[] vector = embeddings.get(i);
            for (int d = 0; d < dimension; d++) {
                mean[d] += vector[d];
            }
        }
        List<Integer> ordered = new ArrayList<>(cluster);
        ordered.sort(Comparator.comparingDouble((Integer i) -> Hdbscan.cosineDistance(embeddings.get(i), mean))
                .thenComparingInt(i -> i));
        return ordered;
    }
}
