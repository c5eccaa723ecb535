package io.lotse.server.collect;

/**
 * What an append did.
 *
 * @param stored     events newly written to the log
 * @param duplicates events whose message id was already in the log, or repeated in the same append
 */
public record AppendResult(int stored, int duplicates) {}
