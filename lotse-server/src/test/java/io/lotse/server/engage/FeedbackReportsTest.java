package io.lotse.server.engage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeedbackReportsTest {

    static String dsn(String recipient, String status, String action, String token) {
        return """
                From: MAILER-DAEMON@mx.example
                To: bounces@lotse-test.example
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

                --b1
                Content-Type: text/plain

                Your message could not be delivered.
                --b1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example

                Final-Recipient: rfc822; %s
                Action: %s
                Status: %s
                Diagnostic-Code: smtp; 550 5.1.1 user unknown
                --b1
                Content-Type: text/rfc822-headers

                From: Shop <news@lotse-test.example>
                To: %s
                Subject: Offers
                X-Lotse-Delivery: %s
                --b1--
                """.formatted(recipient, action, status, recipient, token).replace("\n", "\r\n");
    }

    static String arf(String recipient, String token) {
        return """
                From: feedback@mailbox.example
                To: bounces@lotse-test.example
                Subject: Abuse report
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="b2"

                --b2
                Content-Type: text/plain

                This is an email abuse report.
                --b2
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: Mailbox/1.0
                Version: 1
                Original-Rcpt-To: %s

                --b2
                Content-Type: message/rfc822

                From: Shop <news@lotse-test.example>
                To: %s
                Subject: Offers
                X-Lotse-Delivery: %s

                Body
                --b2--
                """.formatted(recipient, recipient, token).replace("\n", "\r\n");
    }

    @Test
    void aFailedDeliveryWithA5xxStatusIsAHardBounce() {
        var report = FeedbackReports.parse(dsn("ghost@mx.example", "5.1.1", "failed", "tok_1")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(report).hasValueSatisfying(r -> {
            assertThat(r.kind()).isEqualTo(FeedbackReport.Kind.HARD_BOUNCE);
            assertThat(r.recipient()).isEqualTo("ghost@mx.example");
            assertThat(r.deliveryToken()).isEqualTo("tok_1");
            assertThat(r.detail()).isEqualTo("status 5.1.1");
        });
    }

    @Test
    void aTemporaryFailureIsASoftBounce() {
        var report = FeedbackReports.parse(dsn("full@mx.example", "4.2.2", "delayed", "tok_2")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(report).hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(FeedbackReport.Kind.SOFT_BOUNCE));
    }

    @Test
    void anAbuseReportIsAComplaintAboutTheOriginalMessage() {
        var report = FeedbackReports.parse(arf("angry@mailbox.example", "tok_3").getBytes(StandardCharsets.UTF_8));

        assertThat(report).hasValueSatisfying(r -> {
            assertThat(r.kind()).isEqualTo(FeedbackReport.Kind.COMPLAINT);
            assertThat(r.recipient()).isEqualTo("angry@mailbox.example");
            assertThat(r.deliveryToken()).isEqualTo("tok_3");
        });
    }

    @Test
    void ordinaryMailAndSuccessNoticesAreNoReports() {
        assertThat(FeedbackReports.parse("From: a@b.example\r\nSubject: Out of office\r\n\r\nBack Monday\r\n"
                .getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(FeedbackReports.parse(dsn("fine@mx.example", "2.0.0", "delivered", "tok_4")
                .getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(FeedbackReports.parse("not a message at all".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
