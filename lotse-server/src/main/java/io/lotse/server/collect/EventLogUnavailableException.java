package io.lotse.server.collect;

/** The event log could not commit events; nothing of the request may be assumed stored. */
public class EventLogUnavailableException extends RuntimeException {

    EventLogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
