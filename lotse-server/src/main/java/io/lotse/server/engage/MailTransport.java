package io.lotse.server.engage;

import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.bbottema.genericobjectpool.Allocator;
import org.bbottema.genericobjectpool.GenericObjectPool;
import org.bbottema.genericobjectpool.PoolConfig;
import org.bbottema.genericobjectpool.PoolableObject;
import org.bbottema.genericobjectpool.expirypolicies.TimeoutSinceLastAllocationExpirationPolicy;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jspecify.annotations.Nullable;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.mailer.CustomMailer;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.config.OperationalConfig;
import org.simplejavamail.mailer.MailerBuilder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends email through Simple Java Mail to the configured SMTP server.
 *
 * <p>Simple Java Mail validates each email and turns it into a MIME message on our session; the last step,
 * writing it to the server, is ours ({@link CustomMailer}): the message is DKIM-signed ({@link DkimSigning}) and
 * written on one of a pool of open SMTP connections (the generic object pool that Simple Java Mail's own batch
 * module uses), so that a campaign pays the TCP and TLS handshake once per connection, not once per message. A
 * connection that fails is dropped from the pool and the message tried once more on a fresh one.
 */
@Component
class MailTransport implements DisposableBean {

    private final Mailer mailer;
    private final GenericObjectPool<Transport> connections;
    private final long claimTimeoutMillis;

    /**
     * Jakarta Mail looks its stream provider up with a {@link java.util.ServiceLoader} scan for every body part it
     * creates or writes unless this property names it; inside the packaged application that scan of nested jars
     * cost more than rendering and signing a message together.
     */
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    MailTransport(EngageProperties properties, DkimSigning dkim) {
        EngageProperties.Mail mail = properties.mail();
        this.claimTimeoutMillis = mail.timeout().toMillis();
        PooledSending sending = new PooledSending(dkim);
        Session session = session(mail);
        this.mailer = MailerBuilder.usingSession(session).withCustomMailer(sending).buildMailer();
        this.connections = new GenericObjectPool<>(PoolConfig.<Transport>builder()
                .corePoolsize(0)
                .maxPoolsize(Math.max(1, mail.connections()))
                .expirationPolicy(new TimeoutSinceLastAllocationExpirationPolicy<>(30, TimeUnit.SECONDS))
                .build(), new ConnectionAllocator(session));
        sending.pool = this;
    }

    /**
     * Sends one email and reports what the server answered; never throws for a refusal or a broken connection.
     */
    SendResult send(Email email) {
        try {
            mailer.sendMail(email, false);
            return SendResult.ACCEPTED;
        } catch (RuntimeException e) {
            return classify(e);
        }
    }

    static SendResult classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SendFailedException sendFailed) {
                for (Exception next = sendFailed.getNextException(); next != null;
                     next = next instanceof MessagingException m ? m.getNextException() : null) {
                    if (next instanceof SMTPAddressFailedException address) {
                        return SendResult.refused(address.getReturnCode() >= 500,
                                address.getReturnCode() + " " + address.getMessage().trim());
                    }
                }
                if (sendFailed instanceof SMTPSendFailedException smtp) {
                    return SendResult.refused(smtp.getReturnCode() >= 500,
                            smtp.getReturnCode() + " " + smtp.getMessage().trim());
                }
                return SendResult.refused(false, String.valueOf(sendFailed.getMessage()));
            }
        }
        return SendResult.refused(false, failure.getClass().getSimpleName() + ": " + rootMessage(failure));
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    /**
     * Writes a message on a pooled connection. A connection the server has closed meanwhile (idle timeout, restart)
     * fails on first use; it is dropped and the message written once more on a fresh one.
     */
    void write(MimeMessage message) throws MessagingException {
        try {
            writeOnce(message);
        } catch (SendFailedException refused) {
            throw refused;
        } catch (MessagingException | MailDeliveryException broken) {
            writeOnce(message);
        }
    }

    private void writeOnce(MimeMessage message) throws MessagingException {
        PoolableObject<Transport> claimed;
        try {
            claimed = connections.claim(claimTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while waiting for an SMTP connection", e);
        }
        if (claimed == null) {
            throw new MessagingException("no SMTP connection became free within " + claimTimeoutMillis + " ms");
        }
        Transport transport = claimed.getAllocatedObject();
        try {
            transport.sendMessage(message, message.getAllRecipients());
            claimed.release();
        } catch (SendFailedException refused) {
            // The server refused this message; the connection itself is fine.
            claimed.release();
            throw refused;
        } catch (MessagingException | RuntimeException broken) {
            claimed.invalidate();
            throw broken;
        }
    }

    @Override
    public void destroy() throws Exception {
        connections.shutdown().get(10, TimeUnit.SECONDS);
    }

    /**
     * The Jakarta Mail session for the configured server: {@code SMTP} (STARTTLS when the server offers it),
     * {@code SMTP_TLS} (STARTTLS required) or {@code SMTPS} (TLS from the start), with timeouts and login.
     */
    static Session session(EngageProperties.Mail mail) {
        String protocol = switch (mail.transport().toUpperCase(java.util.Locale.ROOT)) {
            case "SMTP", "SMTP_TLS" -> "smtp";
            case "SMTPS" -> "smtps";
            default -> throw new IllegalArgumentException("lotse.engage.mail.transport must be SMTP, SMTP_TLS or "
                    + "SMTPS, was '" + mail.transport() + "'");
        };
        Properties props = new Properties();
        String prefix = "mail." + protocol + ".";
        props.put("mail.transport.protocol", protocol);
        props.put(prefix + "host", mail.host());
        props.put(prefix + "port", Integer.toString(mail.port()));
        String timeout = Long.toString(mail.timeout().toMillis());
        props.put(prefix + "connectiontimeout", timeout);
        props.put(prefix + "timeout", timeout);
        props.put(prefix + "writetimeout", timeout);
        props.put(prefix + "from", mail.from());
        if (protocol.equals("smtp")) {
            props.put(prefix + "starttls.enable", "true");
            props.put(prefix + "starttls.required", Boolean.toString(mail.transport().equalsIgnoreCase("SMTP_TLS")));
        } else {
            props.put(prefix + "ssl.checkserveridentity", "true");
        }
        String user = mail.username();
        if (user == null || user.isBlank()) {
            return Session.getInstance(props);
        }
        props.put(prefix + "auth", "true");
        String password = mail.password() == null ? "" : mail.password();
        return Session.getInstance(props, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user, password);
            }
        });
    }

    /** The last step of Simple Java Mail's sending: sign and write on a pooled connection. */
    private static final class PooledSending implements CustomMailer {

        private final DkimSigning dkim;
        private @Nullable MailTransport pool;

        PooledSending(DkimSigning dkim) {
            this.dkim = dkim;
        }

        @Override
        public void testConnection(OperationalConfig config, Session session) {
            // Connections are opened on demand by the pool.
        }

        @Override
        public void sendMessage(OperationalConfig config, Session session, Email email, MimeMessage message) {
            try {
                if (pool == null) {
                    throw new IllegalStateException("the connection pool is not ready");
                }
                pool.write(dkim.sign(message));
            } catch (MessagingException e) {
                throw new MailDeliveryException(e);
            }
        }
    }

    /** Carries a refusal or connection failure out of Simple Java Mail, which wraps it. */
    static final class MailDeliveryException extends RuntimeException {

        MailDeliveryException(MessagingException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Opens and closes the pooled SMTP connections. */
    private static final class ConnectionAllocator extends Allocator<Transport> {

        private final Session session;

        ConnectionAllocator(Session session) {
            this.session = session;
        }

        @Override
        public Transport allocate() {
            try {
                Transport transport = session.getTransport();
                transport.connect();
                return transport;
            } catch (MessagingException e) {
                throw new MailDeliveryException(e);
            }
        }

        @Override
        public void deallocate(Transport transport) {
            try {
                transport.close();
            } catch (MessagingException e) {
                // closing a broken connection can fail; it is gone either way
            }
        }
    }
}
