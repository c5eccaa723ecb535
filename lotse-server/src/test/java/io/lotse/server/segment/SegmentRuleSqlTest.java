package io.lotse.server.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.LotseServerTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** What each kind of condition selects, on a handful of profiles written straight into the database. */
@LotseServerTest
class SegmentRuleSqlTest {

    @Autowired
    Segments segments;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    private ProfileRows rows;

    @BeforeEach
    void freshProfiles() {
        rows = new ProfileRows(jdbc);
    }

    /** The ids of this test's profiles that the condition selects. */
    private Set<Long> select(String condition) {
        SegmentPreview preview = segments.preview(json.readTree("{\"all\": [" + rows.ours() + ", " + condition + "]}"),
                null);
        assertThat(preview.size()).isEqualTo(preview.sample().size());
        return preview.sample().stream().map(SegmentMember::profileId).collect(Collectors.toSet());
    }

    @Test
    void traitsCompareTextsExactlyAndNumbersByValue() {
        long germanText = rows.profile("\"country\": \"DE\", \"age\": \"42\"", "");
        long lowerCase = rows.profile("\"country\": \"de\", \"age\": 42", "");
        long decimal = rows.profile("\"age\": 42.0, \"vip\": true", "");
        long none = rows.profile("", "");

        assertThat(select("{\"trait\": \"country\", \"op\": \"eq\", \"value\": \"DE\"}")).containsOnly(germanText);
        assertThat(select("{\"trait\": \"age\", \"op\": \"eq\", \"value\": 42}"))
                .containsOnly(germanText, lowerCase, decimal);
        assertThat(select("{\"trait\": \"vip\", \"op\": \"eq\", \"value\": true}")).containsOnly(decimal);
        assertThat(select("{\"trait\": \"country\", \"op\": \"neq\", \"value\": \"DE\"}"))
                .containsOnly(lowerCase, decimal, none);
        assertThat(select("{\"trait\": \"age\", \"op\": \"gte\", \"value\": 42}"))
                .containsOnly(germanText, lowerCase, decimal);
        assertThat(select("{\"trait\": \"age\", \"op\": \"lt\", \"value\": 42}")).isEmpty();
        assertThat(select("{\"trait\": \"country\", \"op\": \"in\", \"value\": [\"DE\", \"AT\", 7]}"))
                .containsOnly(germanText);
    }

    @Test
    void traitsAreFoundInNestedObjectsListsAndTexts() {
        long berlin = rows.profile("\"address\": {\"city\": \"Berlin\"}, \"tags\": [\"vip\", \"newsletter\"]", "");
        long hamburg = rows.profile("\"address\": {\"city\": \"Hamburg\"}, \"bio\": \"Loves VIP lounges\"", "");
        long nullCity = rows.profile("\"address\": {\"city\": null}", "");

        assertThat(select("{\"trait\": \"address.city\", \"op\": \"eq\", \"value\": \"Berlin\"}")).containsOnly(berlin);
        assertThat(select("{\"trait\": \"address.city\", \"op\": \"exists\"}")).containsOnly(berlin, hamburg);
        assertThat(select("{\"trait\": \"tags\", \"op\": \"contains\", \"value\": \"vip\"}")).containsOnly(berlin);
        assertThat(select("{\"trait\": \"bio\", \"op\": \"contains\", \"value\": \"vip\"}")).containsOnly(hamburg);
        assertThat(select("{\"not\": {\"trait\": \"address.city\", \"op\": \"exists\"}}")).containsOnly(nullCity);
    }

    @Test
    void figuresCompareActivity() {
        Instant now = Instant.now();
        long loyal = rows.profile("", "", 40, 5, new BigDecimal("480.00"), now.minus(2, ChronoUnit.DAYS));
        long once = rows.profile("", "", 3, 1, new BigDecimal("19.90"), now.minus(45, ChronoUnit.DAYS));
        long browser = rows.profile("", "", 12, 0, BigDecimal.ZERO, now.minus(200, ChronoUnit.DAYS));

        assertThat(select("{\"figure\": \"order_count\", \"op\": \"gte\", \"value\": 1}")).containsOnly(loyal, once);
        assertThat(select("{\"figure\": \"revenue\", \"op\": \"lt\", \"value\": 20}")).containsOnly(once, browser);
        assertThat(select("{\"figure\": \"event_count\", \"op\": \"eq\", \"value\": 12}")).containsOnly(browser);
        assertThat(select("{\"figure\": \"last_seen_days_ago\", \"op\": \"gt\", \"value\": 30}"))
                .containsOnly(once, browser);
        assertThat(select("{\"figure\": \"last_seen_days_ago\", \"op\": \"eq\", \"value\": 45}")).containsOnly(once);
    }

    @Test
    void behaviourCountsEventsWithinTheWindowByNameAndCategory() {
        long twiceRecently = rows.profile("", "");
        rows.did(twiceRecently, "Order Completed", "", 3, 1);
        rows.did(twiceRecently, "Order Completed", "", 80, 1);
        long onceRecentlyOnceLongAgo = rows.profile("", "");
        rows.did(onceRecentlyOnceLongAgo, "Order Completed", "", 0, 1);
        rows.did(onceRecentlyOnceLongAgo, "Order Completed", "", 90, 1);
        long shoes = rows.profile("", "");
        rows.did(shoes, "Product Viewed", "Shoes", 1, 4);
        rows.did(shoes, "Order Completed", "", 1, 3);
        long never = rows.profile("", "");

        assertThat(select("{\"event\": \"Order Completed\", \"atLeast\": 2, \"withinDays\": 90}"))
                .containsOnly(twiceRecently, shoes);
        assertThat(select("{\"event\": \"Order Completed\", \"atLeast\": 2}"))
                .containsOnly(twiceRecently, onceRecentlyOnceLongAgo, shoes);
        assertThat(select("{\"event\": \"Order Completed\", \"withinDays\": 1}")).containsOnly(onceRecentlyOnceLongAgo);
        assertThat(select("{\"event\": \"Order Completed\", \"atLeast\": 1, \"atMost\": 2, \"withinDays\": 90}"))
                .containsOnly(twiceRecently, onceRecentlyOnceLongAgo);
        assertThat(select("{\"event\": \"Order Completed\", \"atMost\": 0, \"withinDays\": 2}"))
                .containsOnly(twiceRecently, never);
        assertThat(select("{\"event\": \"Product Viewed\", \"category\": \"Shoes\", \"withinDays\": 7}"))
                .containsOnly(shoes);
        assertThat(select("{\"event\": \"Product Viewed\", \"category\": \"Bags\"}")).isEmpty();
        assertThat(select("{\"event\": \"order completed\"}")).isEmpty();
    }

    @Test
    void scoresAreMissingForUnscoredProfiles() {
        long atRisk = rows.profile("", "");
        rows.scores(atRisk, 75, "AT_RISK", 35.0);
        long champion = rows.profile("", "");
        rows.scores(champion, 10, "CHAMPIONS", 96.5);
        long unscored = rows.profile("", "");

        assertThat(select("{\"score\": \"churn_risk\", \"op\": \"gt\", \"value\": 60}")).containsOnly(atRisk);
        assertThat(select("{\"not\": {\"score\": \"churn_risk\", \"op\": \"gt\", \"value\": 60}}"))
                .containsOnly(champion, unscored);
        assertThat(select("{\"score\": \"rfm_segment\", \"op\": \"eq\", \"value\": \"At Risk\"}")).containsOnly(atRisk);
        assertThat(select("{\"score\": \"rfm_segment\", \"op\": \"neq\", \"value\": \"AT_RISK\"}"))
                .containsOnly(champion, unscored);
        assertThat(select("{\"score\": \"rfm_segment\", \"op\": \"in\", \"value\": [\"CHAMPIONS\", \"LOYAL\"]}"))
                .containsOnly(champion);
        assertThat(select("{\"score\": \"clv_percentile\", \"op\": \"gte\", \"value\": 90}")).containsOnly(champion);
        assertThat(select("{\"score\": \"churn_risk\", \"op\": \"exists\"}")).containsOnly(atRisk, champion);
    }

    @Test
    void consentsDistinguishGrantedRefusedAndNeverAsked() {
        long granted = rows.profile("", ProfileRows.granted("email", true));
        long refused = rows.profile("", ProfileRows.granted("email", false));
        long neverAsked = rows.profile("", ProfileRows.granted("sms", true));

        assertThat(select("{\"consent\": \"email\"}")).containsOnly(granted);
        assertThat(select("{\"consent\": \"Email\", \"granted\": false}")).containsOnly(refused);
        assertThat(select("{\"not\": {\"consent\": \"email\"}}")).containsOnly(refused, neverAsked);
    }

    @Test
    void groupsCombineAndNegateWithoutNullsLeakingThrough() {
        long germanAtRisk = rows.profile("\"country\": \"DE\"", ProfileRows.granted("email", true));
        rows.scores(germanAtRisk, 80, "AT_RISK", 50.0);
        long austrian = rows.profile("\"country\": \"AT\"", "");
        long unknown = rows.profile("", "");

        assertThat(select("{\"any\": [{\"trait\": \"country\", \"op\": \"eq\", \"value\": \"AT\"},"
                + " {\"score\": \"churn_risk\", \"op\": \"gt\", \"value\": 60}]}")).containsOnly(germanAtRisk, austrian);
        assertThat(select("{\"not\": {\"any\": [{\"trait\": \"country\", \"op\": \"eq\", \"value\": \"AT\"},"
                + " {\"score\": \"churn_risk\", \"op\": \"gt\", \"value\": 60}]}}")).containsOnly(unknown);
        assertThat(select("{\"not\": {\"not\": {\"trait\": \"country\", \"op\": \"eq\", \"value\": \"DE\"}}}"))
                .containsOnly(germanAtRisk);
    }

    @Test
    void mergedProfilesAreNoMembers() {
        long survivor = rows.profile("\"country\": \"DE\"", "");
        long merged = rows.profile("\"country\": \"DE\"", "");
        rows.mergeInto(merged, survivor);

        assertThat(select("{\"trait\": \"country\", \"op\": \"eq\", \"value\": \"DE\"}")).containsOnly(survivor);
    }

    @Test
    void otherSegmentsSelectTheirMembers() {
        long german = rows.profile("\"country\": \"DE\"", "");
        long austrian = rows.profile("\"country\": \"AT\"", "");
        String key = "germans-" + rows.run.substring(0, 8);
        segments.create(new SegmentDraft(key, "Germans", null, json.readTree(
                "{\"all\": [" + rows.ours() + ", {\"trait\": \"country\", \"op\": \"eq\", \"value\": \"DE\"}]}")), "test");

        assertThat(select("{\"segment\": \"" + key + "\"}")).containsOnly(german);
        assertThat(select("{\"not\": {\"segment\": \"" + key + "\"}}")).containsOnly(austrian);
    }
}
