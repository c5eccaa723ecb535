package io.lotse.server.platform;

import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Tells the operator where Lotse listens and, once, which secrets it generated.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class StartupBanner implements ApplicationRunner {

    private final Credentials credentials;
    private final WebServerApplicationContext context;

    StartupBanner(Credentials credentials, WebServerApplicationContext context) {
        this.credentials = credentials;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        Map<Credentials.Kind, String> generated = credentials.generatedAtStart();
        int port = context.getWebServer().getPort();
        StringBuilder banner = new StringBuilder()
                .append(System.lineSeparator())
                .append("  Lotse is running at http://localhost:").append(port).append('/').append(System.lineSeparator())
                .append("  Tracking endpoint: http://localhost:").append(port).append("/v1/batch").append(System.lineSeparator());
        if (generated.containsKey(Credentials.Kind.WRITE_KEY)) {
            banner.append("  Write key (shown once): ").append(generated.get(Credentials.Kind.WRITE_KEY))
                    .append(System.lineSeparator());
        }
        if (generated.containsKey(Credentials.Kind.ADMIN_TOKEN)) {
            banner.append("  Admin token (shown once): ").append(generated.get(Credentials.Kind.ADMIN_TOKEN))
                    .append(System.lineSeparator());
        }
        System.out.println(banner);
    }
}
