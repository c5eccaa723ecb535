package io.lotse.server.collect;

/**
 * An event of a request that was not accepted.
 *
 * @param index  its position in the batch, 0 for single-event calls
 * @param reason what is wrong, in words a developer can act on
 */
public record Rejection(int index, String reason) {}
