package io.lotse.server.predict;

/** The data window holds too little to train a model; the message says what is missing, for people. */
final class NotEnoughDataException extends RuntimeException {

    NotEnoughDataException(String message) {
        super(message, null, false, false);
    }
}
