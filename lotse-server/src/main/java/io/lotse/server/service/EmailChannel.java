package io.lotse.server.service;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.email.EmailBuilder;
import org.simplejavamail.mailer.MailerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Email: polls an IMAP folder for unread mail (each becomes a ticket, or continues the ticket whose message it
 * replies to) and answers over SMTP with Simple Java Mail, threaded by {@code In-Reply-To}. A mail that cannot be
 * read as text (empty, binary, wrongly encoded) is kept whole in {@code service_rejections} and marked read.
 */
@Component
class EmailChannel implements ReplyChannel {

    private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);

    /** What became of one polled mail. */
    record Polled(@Nullable String messageId, @Nullable Long ticketId, @Nullable String rejection) {}

    private final ServiceProperties properties;
    private final JsonMapper json;
    private final TicketStore tickets;
    private final ServiceDesk desk;

    EmailChannel(ServiceProperties properties, JsonMapper json, TicketStore tickets,
            @org.springframework.context.annotation.Lazy ServiceDesk desk) {
        this.properties = properties;
        this.json = json;
        this.tickets = tickets;
        this.desk = desk;
    }

    @Override
    public String channel() {
        return "email";
    }

    @Scheduled(fixedDelayString = "${lotse.service.email.poll-interval:30s}",
            initialDelayString = "${lotse.service.email.poll-interval:30s}")
    void scheduledPoll() {
        if (properties.email().enabled()) {
            try {
                poll();
            } catch (RuntimeException e) {
                log.warn("Polling the mailbox failed: {}", e.getMessage());
            }
        }
    }

    /** Reads every unread mail of the folder once and marks it read. */
    List<Polled> poll() {
        ServiceProperties.Email email = properties.email();
        Properties settings = new Properties();
        String protocol = email.ssl() ? "imaps" : "imap";
        settings.put("mail.store.protocol", protocol);
        settings.put("mail." + protocol + ".connectiontimeout", "10000");
        settings.put("mail." + protocol + ".timeout", "30000");
        List<Polled> polled = new ArrayList<>();
        try (Store store = Session.getInstance(settings).getStore(protocol)) {
            store.connect(email.imapHost(), email.imapPort(), email.username(), email.password());
            Folder folder = store.getFolder(email.folder());
            folder.open(Folder.READ_WRITE);
            try {
                for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    polled.add(take((MimeMessage) message));
                    message.setFlag(Flags.Flag.SEEN, true);
                }
            } finally {
                folder.close(false);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("IMAP " + email.imapHost() + ":" + email.imapPort() + ": "
                    + e.getMessage(), e);
        }
        return polled;
    }

    private Polled take(MimeMessage mail) throws MessagingException {
        String messageId = mail.getMessageID();
        try {
            String from = sender(mail);
            String text = MessageText.check(text(mail), properties.maxMessageChars());
            Long continued = null;
            for (String header : new String[] {"In-Reply-To", "References"}) {
                String[] values = mail.getHeader(header);
                if (values != null && continued == null) {
                    for (String id : String.join(" ", values).split("\\s+")) {
                        if (!id.isBlank()) {
                            continued = tickets.ticketOfMessage("email:" + id.strip()).orElse(null);
                            if (continued != null) {
                                break;
                            }
                        }
                    }
                }
            }
            ObjectNode replyTo = json.createObjectNode();
            replyTo.put("to", from);
            if (messageId != null) {
                replyTo.put("messageId", messageId);
            }
            if (mail.getSubject() != null) {
                replyTo.put("subject", mail.getSubject());
            }
            Ticket ticket = desk.receive(new IncomingMessage("email", from, text, mail.getSubject(), from, null, null,
                    continued, null, messageId == null ? null : "email:" + messageId, replyTo));
            return new Polled(messageId, ticket.id(), null);
        } catch (InvalidServiceMessageException e) {
            tickets.reject("email", e.getMessage(), raw(mail), Instant.now());
            log.warn("Mail {} not accepted: {}", messageId, e.getMessage());
            return new Polled(messageId, null, e.getMessage());
        }
    }

    private static String sender(MimeMessage mail) throws MessagingException {
        Address[] from = mail.getFrom();
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)
                || address.getAddress() == null) {
            throw new InvalidServiceMessageException("the mail has no sender address");
        }
        return address.getAddress().toLowerCase(java.util.Locale.ROOT);
    }

    /** The first text/plain part, else the first text/html part without tags. */
    static String text(Part part) throws MessagingException {
        String plain = find(part, "text/plain", content -> content);
        if (plain != null) {
            return plain;
        }
        String html = find(part, "text/html", content -> content.replaceAll("(?is)<(script|style).*?</\\1>", " ")
                .replaceAll("(?s)<[^>]+>", " ").replace("&nbsp;", " ").replaceAll("[ \\t]+", " "));
        if (html != null) {
            return html;
        }
        throw new InvalidServiceMessageException("the mail has no text part (only attachments or binary content)");
    }

    private static @Nullable String find(Part part, String type, Function<String, String> clean)
            throws MessagingException {
        try {
            if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                Object content = part.getContent();
                return content instanceof String s ? clean.apply(s) : null;
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart body = multipart.getBodyPart(i);
                    String found = find(body, type, clean);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (UnsupportedEncodingException e) {
            throw new InvalidServiceMessageException("the mail declares a character encoding Lotse cannot read: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new InvalidServiceMessageException("the mail's text cannot be read: " + e.getMessage());
        }
    }

    private static byte[] raw(MimeMessage mail) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            mail.writeTo(out);
            return out.toByteArray();
        } catch (IOException | MessagingException e) {
            return ("unreadable mail: " + e.getMessage()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Override
    public @Nullable String send(Ticket ticket, JsonNode replyTo, String text) {
        ServiceProperties.Email settings = properties.email();
        if (settings.smtpHost() == null || settings.from() == null) {
            throw new ReplyFailedException("email replies need lotse.service.email.smtp-host and from");
        }
        String to = replyTo.path("to").asString(ticket.email() == null ? ticket.sender() : ticket.email());
        String subject = replyTo.path("subject").asString(ticket.subject() == null ? "" : ticket.subject());
        String messageId = "<lotse-" + java.util.UUID.randomUUID() + "@" + domain(settings.from()) + ">";
        var builder = EmailBuilder.startingBlank().fixingMessageId(messageId).from(settings.from()).to(to)
                .withSubject(subject.regionMatches(true, 0, "Re:", 0, 3) ? subject : "Re: " + subject)
                .withPlainText(text);
        String inReplyTo = replyTo.path("messageId").asString(null);
        if (inReplyTo != null) {
            builder = builder.withHeader("In-Reply-To", inReplyTo).withHeader("References", inReplyTo);
        }
        Email email = builder.buildEmail();
        try (Mailer mailer = mailer(settings)) {
            mailer.sendMail(email);
        } catch (Exception e) {
            throw new ReplyFailedException("SMTP " + settings.smtpHost() + ":" + settings.smtpPort() + ": "
                    + e.getMessage(), e);
        }
        return "email:" + messageId;
    }

    private static String domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "lotse.local" : address.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "");
    }

    private static Mailer mailer(ServiceProperties.Email settings) {
        var builder = MailerBuilder.withSMTPServer(settings.smtpHost(), settings.smtpPort(), settings.username(),
                        settings.password())
                .withTransportStrategy(settings.ssl() ? TransportStrategy.SMTPS : TransportStrategy.SMTP)
                .withSessionTimeout(20_000);
        return builder.buildMailer();
    }
}
