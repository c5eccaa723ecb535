package io.lotse.server.engage;

/** Something asked for by id does not exist. */
class NotFoundException extends RuntimeException {

    NotFoundException(String what, long id) {
        super("There is no " + what + " " + id + ".");
    }
}
