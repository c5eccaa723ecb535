package io.lotse.server.collect;

/**
 * Published after events were committed to the log, so that consumers need not wait for their next poll.
 *
 * @param count how many events were appended
 */
public record EventsAppended(int count) {}
