package io.lotse.engine.recommend;

/**
 * One recommended item.
 *
 * @param item   the item index
 * @param score  the blended score after rules; comparable within one list only
 * @param source the signal that contributed most
 * @param reason why, for people to read
 */
public record Recommendation(int item, double score, Signal source, Reason reason) {}
