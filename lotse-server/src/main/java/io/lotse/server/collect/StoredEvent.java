package io.lotse.server.collect;

/**
 * An event with the JSON text that goes into the log.
 *
 * @param event the validated event
 * @param json  its payload as UTF-8 JSON; may repeat keys, of which PostgreSQL's {@code jsonb} keeps the last
 */
record StoredEvent(CollectedEvent event, byte[] json) {}
