package io.lotse.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Ports of the stand-in servers the test server talks to (GreenMail's SMTP and IMAP, the CRM webhook, the
 * chat-completions endpoint), found free
 * once per test run, so that several builds on one machine can test at the same time. The server is told them by
 * {@link Initializer}; the tests start their stand-ins on them.
 */
public final class TestPorts {

    /** The SMTP port of the GreenMail server that engage tests start; messages go there. */
    public static final int SMTP;
    /** The IMAP port of that GreenMail server. */
    public static final int IMAP;
    /** The port of the CRM webhook that lifecycle tests listen on. */
    public static final int CRM;
    /** The port of the stand-in chat-completions endpoint that proposes copy. */
    public static final int AI;

    static {
        Set<Integer> taken = new HashSet<>();
        SMTP = freePort(taken);
        IMAP = freePort(taken);
        CRM = freePort(taken);
        AI = freePort(taken);
    }

    private TestPorts() {}

    private static int freePort(Set<Integer> taken) {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (taken.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free local port", e);
            }
        }
    }

    /** Points the server's mail, feedback mailbox, CRM and copy-generation settings at the stand-ins' ports. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-ports", Map.of(
                    "lotse.engage.mail.port", SMTP,
                    "lotse.engage.feedback.port", IMAP,
                    "lotse.engage.crm.webhook-url", "http://127.0.0.1:" + CRM + "/crm",
                    "lotse.engage.ai.endpoint", "http://127.0.0.1:" + AI + "/v1")));
        }
    }
}
