package io.lotse.server.engage;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads bounce and complaint reports: delivery status notifications (RFC 3464, {@code multipart/report;
 * report-type=delivery-status}) and abuse reports in the Abuse Reporting Format (RFC 5965,
 * {@code report-type=feedback-report}). The original message, attached whole or as headers, carries the
 * {@code X-Lotse-Delivery} token that leads back to the delivery. Anything else (an auto-reply, a delayed-delivery
 * notice without failure, spam) is not a report.
 */
final class FeedbackReports {

    private static final Pattern DELIVERY = Pattern.compile("(?im)^" + MessageComposer.DELIVERY_HEADER
            + ":\\s*([A-Za-z0-9_-]+)");
    private static final Pattern FINAL_RECIPIENT = Pattern.compile("(?im)^(?:Final|Original)-Recipient:\\s*rfc822;\\s*<?([^\\s>]+)>?");
    private static final Pattern ORIGINAL_RCPT = Pattern.compile("(?im)^Original-Rcpt-To:\\s*<?([^\\s>]+)>?");
    private static final Pattern ACTION = Pattern.compile("(?im)^Action:\\s*([a-z]+)");
    private static final Pattern STATUS = Pattern.compile("(?im)^Status:\\s*([245])\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern FEEDBACK_TYPE = Pattern.compile("(?im)^Feedback-Type:\\s*([a-z-]+)");
    private static final Pattern TO = Pattern.compile("(?im)^To:\\s*(?:.*<)?([^\\s<>]+@[^\\s<>]+)>?");

    private FeedbackReports() {}

    /** Parses a raw RFC 822 message. */
    static Optional<FeedbackReport> parse(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            return parse(message);
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    static Optional<FeedbackReport> parse(MimeMessage message) {
        try {
            ContentType type = new ContentType(message.getContentType());
            if (!type.match("multipart/report")) {
                return Optional.empty();
            }
            String reportType = String.valueOf(type.getParameter("report-type")).toLowerCase(Locale.ROOT);
            StringBuilder report = new StringBuilder();
            StringBuilder original = new StringBuilder();
            collect(message, report, original);
            String token = find(DELIVERY, original);
            if (reportType.equals("feedback-report")) {
                String feedbackType = find(FEEDBACK_TYPE, report);
                String recipient = find(ORIGINAL_RCPT, report);
                if (recipient == null) {
                    recipient = find(TO, original);
                }
                return Optional.of(new FeedbackReport(FeedbackReport.Kind.COMPLAINT, recipient, token,
                        "feedback-type " + (feedbackType == null ? "abuse" : feedbackType)));
            }
            if (reportType.equals("delivery-status")) {
                String action = find(ACTION, report);
                Matcher status = STATUS.matcher(report);
                if (!status.find() || action == null || !action.equalsIgnoreCase("failed")
                        && !action.equalsIgnoreCase("delayed")) {
                    return Optional.empty();
                }
                String code = status.group(1) + "." + status.group(2) + "." + status.group(3);
                String recipient = find(FINAL_RECIPIENT, report);
                boolean permanent = status.group(1).equals("5") && action.equalsIgnoreCase("failed");
                return Optional.of(new FeedbackReport(permanent ? FeedbackReport.Kind.HARD_BOUNCE
                        : FeedbackReport.Kind.SOFT_BOUNCE, recipient, token, "status " + code));
            }
            return Optional.empty();
        } catch (MessagingException | IOException e) {
            return Optional.empty();
        }
    }

    /** Gathers the machine-readable report parts and the original message (or its headers) as text. */
    private static void collect(Part part, StringBuilder report, StringBuilder original)
            throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, report, original);
            }
        } else if (part.isMimeType("message/delivery-status") || part.isMimeType("message/feedback-report")) {
            report.append(text(part)).append('\n');
        } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")
                || part.isMimeType("message/rfc822-headers")) {
            original.append(text(part)).append('\n');
        }
    }

    private static String text(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof MimeMessage enclosed) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            enclosed.writeTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static @Nullable String find(Pattern pattern, CharSequence text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }
}
