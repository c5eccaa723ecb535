package io.lotse.server.decide;

/** A decision that cannot be taken, with the reason and the HTTP status it answers with. */
class DecisionException extends RuntimeException {

    /** What went wrong. */
    enum Kind { NOT_FOUND, CONFLICT, BAD_REQUEST }

    private final Kind kind;

    DecisionException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
