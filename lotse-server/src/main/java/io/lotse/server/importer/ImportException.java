package io.lotse.server.importer;

/** A file or request that cannot be imported at all; answered with 400 problem details, nothing is stored. */
class ImportException extends RuntimeException {

    ImportException(String message) {
        super(message);
    }

    ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
