package io.lotse.server.engage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The public addresses in messages, all under {@code /e/}: unsubscribe, preferences, click and open tracking,
 * opt-in confirmation, forms and landing pages. They need no sign-in; each carries a token from {@link Tokens}.
 */
@Component
class PublicLinks {

    static final String PREFIX = "/e/";

    private final Tokens tokens;
    private final Environment environment;
    private final String configured;
    private volatile String base = "";

    PublicLinks(Tokens tokens, Environment environment, EngageProperties properties) {
        this.tokens = tokens;
        this.environment = environment;
        String url = properties.publicUrl();
        this.configured = url == null ? "" : url.replaceAll("/+$", "");
    }

    /** The public base URL: configured, else this server on localhost (its port known once it listens). */
    String base() {
        if (!configured.isEmpty()) {
            return configured;
        }
        if (base.isEmpty()) {
            String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
            base = "http://localhost:" + port;
        }
        return base;
    }

    String unsubscribe(long deliveryId) {
        return base() + PREFIX + "u/" + tokens.token(Tokens.Purpose.UNSUBSCRIBE, deliveryId);
    }

    String preferences(long deliveryId) {
        return base() + PREFIX + "p/" + tokens.token(Tokens.Purpose.PREFERENCES, deliveryId);
    }

    String open(long deliveryId) {
        return base() + PREFIX + "o/" + tokens.token(Tokens.Purpose.OPEN, deliveryId);
    }

    String click(String clickToken, String target, String signature) {
        return base() + PREFIX + "c/" + clickToken + "?u=" + URLEncoder.encode(target, StandardCharsets.UTF_8)
                + "&s=" + signature;
    }

    /** The confirmation link of a double opt-in, showing its page in the language of the request. */
    String confirm(long proofId, String language) {
        return base() + PREFIX + "confirm/" + tokens.token(Tokens.Purpose.CONFIRM, proofId) + "?lang=" + language;
    }
}
