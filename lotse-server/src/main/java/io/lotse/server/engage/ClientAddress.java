package io.lotse.server.engage;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The IP address a request came from, for proofs of consent and rate limits. Behind a reverse proxy the proxy's
 * {@code X-Forwarded-For} is honoured only when Spring's forwarded-header handling is switched on
 * ({@code server.forward-headers-strategy}), so a client cannot claim another address.
 */
final class ClientAddress {

    private ClientAddress() {}

    static String of(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
