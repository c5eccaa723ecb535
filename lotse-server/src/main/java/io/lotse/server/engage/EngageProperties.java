package io.lotse.server.engage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of sending and tracking email ({@code lotse.engage.*}, or {@code LOTSE_ENGAGE_*} variables).
 *
 * @param publicUrl           the address people reach this Lotse at, for links in messages (unsubscribe, clicks,
 *                            confirmation); default {@code http://localhost:<port>}
 * @param mail                the SMTP server and the sender
 * @param dkim                DKIM signing; without a private key messages go out unsigned (and a warning is logged)
 * @param feedback            the IMAP mailbox that receives bounces (DSN) and complaints (ARF); optional
 * @param consentPurposes     consent purposes of which one must be granted for marketing email
 * @param complaintWarnRate   complaint rate of a campaign from which it is flagged (0.1%)
 * @param complaintStopRate   complaint rate at which a campaign is stopped (0.3%)
 * @param complaintMinimum    messages a campaign must have sent before its complaint rate can stop it
 * @param perDomainPerMinute  messages per minute to one receiving domain, unless overridden in {@code domainLimits}
 * @param domainLimits        messages per minute for particular receiving domains
 * @param attributionWindow   how long after a click an order counts as the campaign's conversion
 * @param frequencyCap        most marketing messages (campaigns and journeys together) a person gets per
 *                            {@code frequencyWindow}
 * @param frequencyWindow     the window of the frequency cap
 * @param quietHours          hours ({@code 22-7}) in {@code zone} in which journeys hold their messages
 * @param zone                the time zone of quiet hours and date triggers
 * @param ai                  an OpenAI-compatible chat-completions endpoint for proposed copy; hidden when absent
 */
@ConfigurationProperties("lotse.engage")
public record EngageProperties(
        @Nullable String publicUrl,
        @DefaultValue Mail mail,
        @DefaultValue Dkim dkim,
        @DefaultValue Feedback feedback,
        @DefaultValue({"email", "marketing", "newsletter"}) List<String> consentPurposes,
        @DefaultValue("0.001") double complaintWarnRate,
        @DefaultValue("0.003") double complaintStopRate,
        @DefaultValue("1000") int complaintMinimum,
        @DefaultValue("1200") int perDomainPerMinute,
        @DefaultValue({}) Map<String, Integer> domainLimits,
        @DefaultValue("7d") Duration attributionWindow,
        @DefaultValue("5") int frequencyCap,
        @DefaultValue("7d") Duration frequencyWindow,
        @DefaultValue("22-7") String quietHours,
        @DefaultValue("Europe/Berlin") String zone,
        @DefaultValue Ai ai) {

    /**
     * @param host       SMTP server
     * @param port       its port
     * @param username   SMTP user, if the server wants one
     * @param password   SMTP password
     * @param transport  {@code SMTP} (plain, upgraded with STARTTLS when offered), {@code SMTP_TLS} (STARTTLS
     *                   required) or {@code SMTPS}
     * @param from       sender address
     * @param fromName   sender name
     * @param replyTo    reply address, if different
     * @param connections SMTP connections kept open and used in parallel
     * @param timeout    connect and read timeout
     */
    public record Mail(
            @DefaultValue("localhost") String host,
            @DefaultValue("25") int port,
            @Nullable String username,
            @Nullable String password,
            @DefaultValue("SMTP") String transport,
            @DefaultValue("news@localhost") String from,
            @DefaultValue("Lotse") String fromName,
            @Nullable String replyTo,
            @DefaultValue("4") int connections,
            @DefaultValue("30s") Duration timeout) {}

    /**
     * @param domain     the signing domain ({@code d=}), usually the sender's domain
     * @param selector   the selector ({@code s=}); the public key is published at
     *                   {@code <selector>._domainkey.<domain>}
     * @param privateKey a PKCS#8 RSA private key file, PEM or DER
     */
    public record Dkim(@Nullable String domain, @DefaultValue("lotse") String selector, @Nullable Path privateKey) {

        public boolean enabled() {
            return domain != null && !domain.isBlank() && privateKey != null;
        }
    }

    /**
     * @param host     IMAP server of the bounce and complaint mailbox; absent: only the webhook is used
     * @param port     its port
     * @param username IMAP user
     * @param password IMAP password
     * @param ssl      whether to connect with TLS (IMAPS)
     * @param folder   the folder to read
     * @param interval how often to look for new reports
     */
    public record Feedback(@Nullable String host, @DefaultValue("993") int port, @Nullable String username,
                           @Nullable String password, @DefaultValue("true") boolean ssl,
                           @DefaultValue("INBOX") String folder, @DefaultValue("60s") Duration interval) {

        public boolean enabled() {
            return host != null && !host.isBlank() && username != null;
        }
    }

    /**
     * @param endpoint base URL of an OpenAI-compatible API, e.g. {@code http://localhost:11434/v1}
     * @param apiKey   bearer key, if the endpoint wants one
     * @param model    the model name
     */
    public record Ai(@Nullable String endpoint, @Nullable String apiKey, @DefaultValue("default") String model) {

        public boolean enabled() {
            return endpoint != null && !endpoint.isBlank();
        }
    }
}
