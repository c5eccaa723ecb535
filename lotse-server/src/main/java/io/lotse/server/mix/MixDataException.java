package io.lotse.server.mix;

/** The data do not allow a fit (no spend, no orders, too few weeks); the message says what is missing. */
class MixDataException extends RuntimeException {

    MixDataException(String message) {
        super(message);
    }
}
