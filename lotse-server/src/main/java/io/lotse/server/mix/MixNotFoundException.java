package io.lotse.server.mix;

/** A fit (or lift test) that does not exist, or a fit that has not finished successfully. */
public class MixNotFoundException extends RuntimeException {

    public MixNotFoundException(String message) {
        super(message);
    }
}
