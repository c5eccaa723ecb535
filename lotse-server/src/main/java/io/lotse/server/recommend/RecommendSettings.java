package io.lotse.server.recommend;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the recommendations ({@code lotse.recommend.*}, e.g. {@code LOTSE_RECOMMEND_TRAINING_INTERVAL}).
 *
 * @param firstTraining       how long after start the first model is trained
 * @param trainingInterval    how often a new model is trained
 * @param growthCheck         how often the log is checked for enough new events to train early
 * @param purchaseDays        how many days of orders the models learn from
 * @param sessionDays         how many days of product views V-SKNN learns from
 * @param sessionTimeout      inactivity that ends a session, as for profiles
 * @param sessionLength       how many of a session's latest product views count
 * @param pollInterval        how often the live sessions look for new events when not woken earlier
 * @param easeMaxItems        catalogues up to this size use EASE, larger ones implicit ALS
 * @param consentPurposes     consent purposes meaning personalisation, lower case
 * @param personCacheTime     how long a person's profile and consent are cached for serving
 * @param seed                seed of the randomised models
 */
@ConfigurationProperties("lotse.recommend")
public record RecommendSettings(
        @DefaultValue("20s") Duration firstTraining,
        @DefaultValue("1h") Duration trainingInterval,
        @DefaultValue("1m") Duration growthCheck,
        @DefaultValue("365") int purchaseDays,
        @DefaultValue("30") int sessionDays,
        @DefaultValue("30m") Duration sessionTimeout,
        @DefaultValue("30") int sessionLength,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("5000") int easeMaxItems,
        @DefaultValue({"personalisation", "personalization"}) List<String> consentPurposes,
        @DefaultValue("5s") Duration personCacheTime,
        @DefaultValue("42") long seed) {

    public RecommendSettings {
        if (purchaseDays < 1 || sessionDays < 1 || sessionLength < 1) {
            throw new IllegalArgumentException("lotse.recommend: purchase-days, session-days and session-length must "
                    + "be at least 1");
        }
        consentPurposes = List.copyOf(consentPurposes);
    }
}
