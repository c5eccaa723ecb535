package io.lotse.server.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of customer service ({@code lotse.service.*}, or environment variables such as
 * {@code LOTSE_SERVICE_TARGET_PRECISION}).
 *
 * @param targetPrecision          share of correct automatic answers the thresholds are chosen for
 * @param precisionConfidence      0: the held-out precision of the passing predictions must reach the target;
 *                                 above 0 (below 1): its Wilson lower bound at this one-sided confidence must
 *                                 (stricter, needs more examples: e.g. 0.95)
 * @param embeddingModel           an ONNX sentence-embedding model to use instead of all-MiniLM-L6-v2 (e.g. a
 *                                 multilingual one); needs {@code embeddingTokenizer}
 * @param embeddingTokenizer       the model's {@code tokenizer.json}
 * @param embedding                {@code minilm} (default), {@code file} (the model above) or {@code none}
 *                                 (character and word n-grams only)
 * @param maxMessageChars          longest message accepted
 * @param retrainAfterCorrections  agent corrections that trigger retraining in the background
 * @param orderUrlTemplate         link to an order in the shop's back office, {@code {order}} replaced; absent:
 *                                 the customer's profile page
 * @param shop                     facts answers may quote ({@code {shop.return-days}}, …); merged over defaults
 * @param connectors               external systems looked up for every ticket, by name
 * @param chatwoot                 the Chatwoot agent-bot channel
 * @param email                    the email channel
 */
@ConfigurationProperties("lotse.service")
public record ServiceProperties(
        @DefaultValue("0.98") double targetPrecision,
        @DefaultValue("0") double precisionConfidence,
        @Nullable Path embeddingModel,
        @Nullable Path embeddingTokenizer,
        @DefaultValue("minilm") String embedding,
        @DefaultValue("20000") int maxMessageChars,
        @DefaultValue("20") int retrainAfterCorrections,
        @Nullable String orderUrlTemplate,
        @DefaultValue({}) Map<String, String> shop,
        @DefaultValue({}) Map<String, Connector> connectors,
        @DefaultValue Chatwoot chatwoot,
        @DefaultValue Email email) {

    private static final Map<String, String> SHOP_DEFAULTS = Map.ofEntries(
            Map.entry("account-url", "https://shop.example/account"),
            Map.entry("returns-url", "https://shop.example/returns"),
            Map.entry("newsletter-url", "https://shop.example/newsletter"),
            Map.entry("password-reset-url", "https://shop.example/password"),
            Map.entry("return-days", "30"),
            Map.entry("refund-days", "5"),
            Map.entry("shipping-cost", "4,95 €"),
            Map.entry("free-shipping-from", "50 €"),
            Map.entry("delivery-options-de", "mit DHL und DPD, auf Wunsch express am nächsten Werktag oder an eine Packstation"),
            Map.entry("delivery-options-en", "with DHL and DPD, express on the next working day or to a parcel locker on request"),
            Map.entry("opening-hours-de", "montags bis freitags von 8 bis 18 Uhr"),
            Map.entry("opening-hours-en", "Monday to Friday from 8 am to 6 pm"));

    public ServiceProperties {
        if (!(targetPrecision > 0 && targetPrecision <= 1)) {
            throw new IllegalArgumentException("lotse.service.target-precision must be in (0, 1], was "
                    + targetPrecision);
        }
        if (!(precisionConfidence >= 0 && precisionConfidence < 1)) {
            throw new IllegalArgumentException("lotse.service.precision-confidence must be in [0, 1), was "
                    + precisionConfidence);
        }
        Map<String, String> merged = new LinkedHashMap<>(SHOP_DEFAULTS);
        merged.putAll(shop);
        shop = Map.copyOf(merged);
        connectors = Map.copyOf(connectors);
    }

    /**
     * An external system reached over HTTP with JSON answers.
     *
     * @param url     URL template; {@code {order.number}}, {@code {customer.email}}, … are replaced (URL-encoded)
     * @param timeout how long a lookup may take
     * @param headers extra request headers, e.g. an API key
     */
    public record Connector(String url, @DefaultValue("2s") Duration timeout,
            @DefaultValue({}) Map<String, String> headers) {

        public Connector {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * @param url          Chatwoot's base URL, e.g. {@code https://chat.example.com}
     * @param apiToken     the agent bot's access token (header {@code api_access_token})
     * @param webhookToken secret that Chatwoot's webhook URL must carry as {@code ?token=}; the webhook is off
     *                     without it
     */
    public record Chatwoot(@Nullable String url, @Nullable String apiToken, @Nullable String webhookToken) {}

    /**
     * @param imapHost     IMAP server polled for new mail; email is off without it
     * @param imapPort     IMAP port
     * @param smtpHost     SMTP server for replies
     * @param smtpPort     SMTP port
     * @param username     mailbox user (IMAP and SMTP)
     * @param password     mailbox password
     * @param from         sender address of replies
     * @param folder       IMAP folder read
     * @param ssl          IMAPS and SMTPS instead of plain connections
     * @param pollInterval time between polls
     */
    public record Email(@Nullable String imapHost, @DefaultValue("993") int imapPort, @Nullable String smtpHost,
            @DefaultValue("587") int smtpPort, @Nullable String username, @Nullable String password,
            @Nullable String from, @DefaultValue("INBOX") String folder, @DefaultValue("true") boolean ssl,
            @DefaultValue("30s") Duration pollInterval) {

        /** Whether the email channel is configured. */
        public boolean enabled() {
            return imapHost != null && !imapHost.isBlank();
        }
    }
}
