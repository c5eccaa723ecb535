package io.lotse.server.service;

/** A message that cannot be taken: empty, too long, binary, or not text in a known encoding. */
public class InvalidServiceMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidServiceMessageException(String message) {
        super(message);
    }
}
