package io.lotse.server.engage;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads the mailbox that bounces and complaints are sent to (the envelope sender's, or the address given to
 * mailbox providers' feedback loops) over IMAP: every report is handled and then deleted; anything else is left
 * alone and marked seen. Off unless {@code lotse.engage.feedback.host} is set.
 */
@Component
class FeedbackMailbox implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedbackMailbox.class);

    private final EngageProperties.Feedback settings;
    private final FeedbackProcessor processor;
    private @Nullable ScheduledExecutorService timer;

    FeedbackMailbox(EngageProperties properties, FeedbackProcessor processor) {
        this.settings = properties.feedback();
        this.processor = processor;
    }

    /** Reads the mailbox once; returns how many reports were handled. */
    int poll() throws MessagingException {
        Properties props = new Properties();
        String protocol = settings.ssl() ? "imaps" : "imap";
        props.put("mail.store.protocol", protocol);
        props.put("mail." + protocol + ".connectiontimeout", "10000");
        props.put("mail." + protocol + ".timeout", "30000");
        Session session = Session.getInstance(props);
        int handled = 0;
        try (Store store = session.getStore(protocol)) {
            store.connect(settings.host(), settings.port(), settings.username(), settings.password());
            Folder folder = store.getFolder(settings.folder());
            folder.open(Folder.READ_WRITE);
            try {
                for (Message message : folder.getMessages()) {
                    if (message.isSet(Flags.Flag.DELETED) || message.isSet(Flags.Flag.SEEN)) {
                        continue;
                    }
                    var report = FeedbackReports.parse((MimeMessage) message);
                    if (report.isPresent()) {
                        processor.handle(report.get());
                        message.setFlag(Flags.Flag.DELETED, true);
                        handled++;
                    } else {
                        message.setFlag(Flags.Flag.SEEN, true);
                    }
                }
            } finally {
                folder.close(true);
            }
        }
        return handled;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "lotse-feedback-mailbox");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.interval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                int handled = poll();
                if (handled > 0) {
                    log.info("Handled {} bounce and complaint reports from {}", handled, settings.host());
                }
            } catch (MessagingException | RuntimeException e) {
                log.warn("Reading the feedback mailbox at {} failed: {}", settings.host(), e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        timer = executor;
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
