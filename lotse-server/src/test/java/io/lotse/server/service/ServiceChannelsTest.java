package io.lotse.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.ServerClient.Response;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The channels against stand-ins on this machine: email through GreenMail (IMAP in, SMTP out), a Chatwoot
 * server faked with the JDK's HTTP server, and an external connector that answers too slowly.
 */
@LotseServerTest
class ServiceChannelsTest {

    static final String WEBHOOK_TOKEN = "cw-secret";
    static final String SUPPORT = "support@shop.test";
    static final GreenMail MAIL = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    static final List<String> CHATWOOT_CALLS = new CopyOnWriteArrayList<>();
    static HttpServer fake;

    @DynamicPropertySource
    static void channels(DynamicPropertyRegistry registry) throws IOException {
        MAIL.start();
        MAIL.setUser(SUPPORT, "support", "secret");
        fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/api/v1/accounts", exchange -> {
            CHATWOOT_CALLS.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders()
                    .getFirst("api_access_token") + " " + new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            respond(exchange, 200, "{\"id\": " + System.nanoTime() + "}");
        });
        fake.createContext("/slow", exchange -> {
            try {
                Thread.sleep(1_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "{\"status\": \"late\"}");
        });
        fake.start();
        String base = "http://127.0.0.1:" + fake.getAddress().getPort();
        registry.add("lotse.data-dir", () -> "target/test-data-service-channels");
        registry.add("lotse.service.chatwoot.url", () -> base);
        registry.add("lotse.service.chatwoot.api-token", () -> "bot-token");
        registry.add("lotse.service.chatwoot.webhook-token", () -> WEBHOOK_TOKEN);
        registry.add("lotse.service.email.imap-host", () -> "127.0.0.1");
        registry.add("lotse.service.email.imap-port", () -> MAIL.getImap().getPort());
        registry.add("lotse.service.email.smtp-host", () -> "127.0.0.1");
        registry.add("lotse.service.email.smtp-port", () -> MAIL.getSmtp().getPort());
        registry.add("lotse.service.email.username", () -> "support");
        registry.add("lotse.service.email.password", () -> "secret");
        registry.add("lotse.service.email.from", () -> SUPPORT);
        registry.add("lotse.service.email.ssl", () -> "false");
        registry.add("lotse.service.email.poll-interval", () -> "1h");
        registry.add("lotse.service.connectors.tracking.url", () -> base + "/slow?email={customer.email}");
        registry.add("lotse.service.connectors.tracking.timeout", () -> "300ms");
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterAll
    static void stop() {
        MAIL.stop();
        fake.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    EmailChannel email;

    @Autowired
    JdbcClient jdbc;

    private Response webhook(String token, String body) {
        ServerClient client = new ServerClient(port);
        return client.send(HttpRequest.newBuilder(URI.create(client.base() + "/v1/service/chatwoot?token=" + token))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void aMailBecomesATicketTheAnswerGoesOutThreadedAndTheCustomersReplyContinuesIt() throws Exception {
        String customer = ServerClient.unique("mail") + "@example.org";
        GreenMailUtil.sendTextEmail(SUPPORT, customer, "Rechnung", "Hallo, ich finde die Rechnung nicht mehr. "
                + "Können Sie sie noch einmal schicken?", MAIL.getSmtp().getServerSetup());

        List<EmailChannel.Polled> polled = email.poll();

        assertThat(polled).hasSize(1);
        Long ticketId = polled.get(0).ticketId();
        assertThat(ticketId).isNotNull();
        ServerClient client = new ServerClient(port);
        JsonNode ticket = client.get("/api/v1/service/tickets/" + ticketId).json();
        assertThat(ticket.path("channel").asString()).isEqualTo("email");
        assertThat(ticket.path("email").asString()).isEqualTo(customer);
        assertThat(ticket.path("subject").asString()).isEqualTo("Rechnung");
        // the slow connector makes every ticket of this server a draft with a note
        assertThat(ticket.path("status").asString()).isEqualTo("draft");
        assertThat(ticket.path("notes").toString()).contains("lookup_failed", "tracking", "timed out after 300 ms");

        client.admin("POST", "/api/v1/service/tickets/" + ticketId + "/reply",
                "{\"text\": \"Die Rechnung ist unterwegs.\"}");
        MimeMessage reply = ServerClient.eventually(() -> {
            for (MimeMessage message : MAIL.getReceivedMessages()) {
                try {
                    if (customer.equals(((InternetAddress) message.getAllRecipients()[0]).getAddress())) {
                        return message;
                    }
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
            return null;
        });
        assertThat(reply.getSubject()).isEqualTo("Re: Rechnung");
        assertThat(GreenMailUtil.getBody(reply)).contains("Die Rechnung ist unterwegs.");
        assertThat(reply.getHeader("In-Reply-To")).isNotNull();

        MimeMessage answer = new MimeMessage(GreenMailUtil.getSession(MAIL.getSmtp().getServerSetup()));
        answer.setFrom(customer);
        answer.setRecipients(jakarta.mail.Message.RecipientType.TO, SUPPORT);
        answer.setSubject("Re: Rechnung");
        answer.setHeader("In-Reply-To", reply.getMessageID());
        answer.setText("Danke, angekommen!", "UTF-8");
        jakarta.mail.Transport.send(answer);

        List<EmailChannel.Polled> second = email.poll();
        assertThat(second).extracting(EmailChannel.Polled::ticketId).containsExactly(ticketId);
        assertThat(client.get("/api/v1/service/tickets/" + ticketId).json().path("messages").size()).isEqualTo(3);
    }

    @Test
    void mailsWithoutReadableTextAreKeptAndMarkedRead() throws Exception {
        String customer = ServerClient.unique("bin") + "@example.org";
        MimeMessage binary = new MimeMessage(GreenMailUtil.getSession(MAIL.getSmtp().getServerSetup()));
        binary.setFrom(customer);
        binary.setRecipients(jakarta.mail.Message.RecipientType.TO, SUPPORT);
        binary.setSubject("scan");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent(new byte[] {0, 1, 2, 3}, "application/octet-stream");
        attachment.setFileName("scan.bin");
        binary.setContent(new MimeMultipart(attachment));
        jakarta.mail.Transport.send(binary);

        // declared UTF-8, written in ISO-8859-1: what a misconfigured mail client sends
        byte[] raw = ("From: " + customer + "\r\nTo: " + SUPPORT + "\r\nSubject: Umlaute\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Viele Gr\u00fc\u00dfe aus M\u00fcnchen\r\n").getBytes(StandardCharsets.ISO_8859_1);
        MimeMessage misencoded = new MimeMessage(GreenMailUtil.getSession(MAIL.getSmtp().getServerSetup()),
                new java.io.ByteArrayInputStream(raw));
        jakarta.mail.Transport.send(misencoded);

        List<EmailChannel.Polled> polled = email.poll();

        assertThat(polled).hasSize(2).allSatisfy(p -> {
            assertThat(p.ticketId()).isNull();
            assertThat(p.rejection()).isNotBlank();
        });
        assertThat(polled).extracting(EmailChannel.Polled::rejection).anySatisfy(r -> assertThat(r).contains(
                "no text part")).anySatisfy(r -> assertThat(r).contains("wrong character encoding"));
        Integer kept = jdbc.sql("SELECT count(*) FROM service_rejections WHERE channel = 'email' AND "
                + "convert_from(content, 'LATIN1') LIKE ?").param("%" + customer + "%").query(Integer.class).single();
        assertThat(kept).isEqualTo(2);
        assertThat(email.poll()).isEmpty();
    }

    @Test
    void chatwootMessagesBecomeTicketsAndAreHandedToItsAgents() {
        CHATWOOT_CALLS.clear();
        String conversation = Long.toString(System.nanoTime() % 1_000_000_000L);
        String event = """
                {"event": "message_created", "id": %s, "message_type": "incoming",
                 "content": "My parcel has not arrived yet, where is it?",
                 "account": {"id": 7}, "conversation": {"id": %s},
                 "sender": {"id": 55, "name": "Ada", "email": "ada.%s@example.org", "type": "contact"}}"""
                .formatted(conversation, conversation, conversation);

        Response response = webhook(WEBHOOK_TOKEN, event);

        assertThat(response.status()).isEqualTo(200);
        long ticketId = response.json().path("ticketId").asLong();
        JsonNode ticket = new ServerClient(port).get("/api/v1/service/tickets/" + ticketId).json();
        assertThat(ticket.path("channel").asString()).isEqualTo("chatwoot");
        assertThat(ticket.path("status").asString()).isEqualTo("draft");
        assertThat(CHATWOOT_CALLS).anySatisfy(call -> assertThat(call)
                .startsWith("/api/v1/accounts/7/conversations/" + conversation + "/toggle_status bot-token")
                .contains("\"open\""));

        // the same event again (Chatwoot retries) adds nothing
        assertThat(webhook(WEBHOOK_TOKEN, event).json().path("ticketId").asLong()).isEqualTo(ticketId);
        assertThat(new ServerClient(port).get("/api/v1/service/tickets/" + ticketId).json().path("messages").size())
                .isEqualTo(1);

        new ServerClient(port).admin("POST", "/api/v1/service/tickets/" + ticketId + "/reply",
                "{\"text\": \"It is on its way.\"}");
        assertThat(CHATWOOT_CALLS).anySatisfy(call -> assertThat(call)
                .startsWith("/api/v1/accounts/7/conversations/" + conversation + "/messages bot-token")
                .contains("It is on its way.", "\"message_type\":\"outgoing\""));
    }

    @Test
    void chatwootEventsNeedTheTokenAndOnlyIncomingMessagesCount() {
        assertThat(webhook("wrong", "{}").status()).isEqualTo(401);
        assertThat(webhook(WEBHOOK_TOKEN, """
                {"event": "message_created", "message_type": "outgoing", "content": "hi",
                 "account": {"id": 7}, "conversation": {"id": 1}}""").json().path("ignored").asString())
                .isNotBlank();
        Response empty = webhook(WEBHOOK_TOKEN, """
                {"event": "message_created", "message_type": "incoming", "content": "",
                 "account": {"id": 7}, "conversation": {"id": 2}}""");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("detail").asString()).contains("empty");
        assertThat(webhook(WEBHOOK_TOKEN, "{not json").status()).isEqualTo(400);
    }
}
