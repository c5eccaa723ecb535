package io.lotse.server.service;

/** No ticket has the id asked for. */
public class TicketNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TicketNotFoundException(long id) {
        super("there is no service ticket " + id);
    }
}
