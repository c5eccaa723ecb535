package io.lotse.server.mix;

/** A spend file that cannot be read at all; nothing of it is stored. */
class SpendImportException extends RuntimeException {

    SpendImportException(String message) {
        super(message);
    }
}
