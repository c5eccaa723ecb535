package io.lotse.server.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.collect.EventType;
import io.lotse.server.collect.LoggedEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Folding events into a profile, without a database. */
class ProfileStateTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2024-03-01T08:00:00Z");

    private long seq;

    private LoggedEvent event(EventType type, @Nullable String name, Instant at, String payload) {
        seq++;
        JsonNode json = JSON.readTree(payload);
        return new LoggedEvent(seq, "m" + seq, type, name, "u1", null, at, at, json);
    }

    private LoggedEvent page(Instant at) {
        return event(EventType.PAGE, null, at, "{}");
    }

    private LoggedEvent identify(Instant at, String traits) {
        return event(EventType.IDENTIFY, null, at, "{\"traits\":" + traits + "}");
    }

    private LoggedEvent track(String name, Instant at, String properties) {
        return event(EventType.TRACK, name, at, "{\"event\":\"" + name + "\",\"properties\":" + properties + "}");
    }

    private static Instant minutes(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void sessionsAreSplitByGapsOfMoreThan30Minutes() {
        ProfileState state = new ProfileState(1, T0);
        for (long at : new long[] {0, 29, 59, 90, 100, 200}) {
            state.apply(page(minutes(at)));
        }

        // 0-29-59 (gaps of 29 and exactly 30), 90-100 (gap 31), 200
        assertThat(state.sessions).isEqualTo(3);
        assertThat(state.events).isEqualTo(6);
        assertThat(state.firstSeen).isEqualTo(minutes(0));
        assertThat(state.lastSeen).isEqualTo(minutes(200));
    }

    @Test
    void aLateEventFromEarlierInASessionDoesNotStartANewOne() {
        ProfileState state = new ProfileState(1, T0);
        state.apply(page(minutes(60)));
        state.apply(page(minutes(0)));

        assertThat(state.sessions).isEqualTo(1);
        assertThat(state.firstSeen).isEqualTo(minutes(0));
        assertThat(state.lastSeen).isEqualTo(minutes(60));
    }

    @Test
    void traitsTakeTheLatestValueByEventTimeNotByArrival() {
        ProfileState state = new ProfileState(1, T0);
        state.apply(identify(minutes(10), "{\"plan\":\"free\"}"));
        state.apply(identify(minutes(20), "{\"plan\":\"pro\"}"));
        state.apply(identify(minutes(5), "{\"plan\":\"trial\",\"company\":\"ACME\"}"));

        assertThat(state.traits.get("plan").stringValue()).isEqualTo("pro");
        assertThat(state.traits.get("company").stringValue())
                .as("an older event still fills a trait nobody set later").isEqualTo("ACME");
        assertThat(state.traitChanges).extracting(ProfileState.TraitChange::trait, c -> c.value().stringValue())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("plan", "free"),
                        org.assertj.core.groups.Tuple.tuple("plan", "pro"),
                        org.assertj.core.groups.Tuple.tuple("company", "ACME"));
    }

    @Test
    void anUnchangedTraitValueIsNotRecordedAgain() {
        ProfileState state = new ProfileState(1, T0);
        state.apply(identify(minutes(1), "{\"name\":\"Ada\"}"));
        state.apply(identify(minutes(2), "{\"name\":\"Ada\"}"));

        assertThat(state.traitChanges).hasSize(1);
        assertThat(state.traitTimes.get("name").stringValue()).isEqualTo(minutes(2).toString());
    }

    @Test
    void traitsOfOtherCallsThanIdentifyAreIgnored() {
        ProfileState state = new ProfileState(1, T0);
        state.apply(event(EventType.TRACK, "Signed Up", minutes(1), "{\"traits\":{\"name\":\"Nope\"}}"));

        assertThat(state.traits.isEmpty()).isTrue();
    }

    @Test
    void ordersCountCompletedOrdersWithRevenueOrElseTotal() {
        ProfileState state = new ProfileState(1, T0);
        state.apply(track("Order Completed", minutes(1), "{\"revenue\":19.99,\"total\":25}"));
        state.apply(track("order_completed", minutes(2), "{\"total\":\"5.01\"}"));
        state.apply(track("Order Completed", minutes(3), "{}"));
        state.apply(track("Checkout Started", minutes(4), "{\"revenue\":100}"));

        assertThat(state.orders).isEqualTo(3);
        assertThat(state.revenue).isEqualByComparingTo("25.00");
    }

    @Test
    void implausibleOrderValuesAreIgnored() {
        ProfileState state = new ProfileState(1, T0);
        state.apply(track("Order Completed", minutes(1), "{\"revenue\":1e15}"));
        state.apply(track("Order Completed", minutes(2), "{\"revenue\":\"lots\"}"));
        state.apply(track("Order Completed", minutes(3), "{\"total\":-2000000000000}"));
        state.apply(track("Order Completed", minutes(4), "{\"revenue\":10}"));

        assertThat(state.orders).isEqualTo(4);
        assertThat(state.revenue).isEqualByComparingTo("10");
    }

    @Test
    void orderValueReadsNumbersAndNumericStrings() {
        assertThat(ProfileState.orderValue(JSON.readTree("{\"revenue\":\" 12.50 \"}"))).isEqualByComparingTo("12.5");
        assertThat(ProfileState.orderValue(JSON.readTree("{\"total\":7}"))).isEqualByComparingTo("7");
        assertThat(ProfileState.orderValue(JSON.readTree("{}"))).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(ProfileState.isOrder(" ORDER COMPLETED ")).isTrue();
        assertThat(ProfileState.isOrder("Order Refunded")).isFalse();
        assertThat(ProfileState.isOrder(null)).isFalse();
    }

    @Test
    void consentsComeFromCategoryPreferencesAndTraitsWithTheLatestChoiceWinning() {
        ProfileState state = new ProfileState(1, T0);
        state.apply(event(EventType.PAGE, null, minutes(10), """
                {"context":{"consent":{"categoryPreferences":{"Marketing":true,"analytics":false}}}}"""));
        state.apply(identify(minutes(20), "{\"consent\":{\"analytics\":true}}"));
        state.apply(identify(minutes(5), "{\"consent\":{\"marketing\":false}}"));

        assertThat(state.consents.get("marketing").get("granted").booleanValue()).isTrue();
        assertThat(state.consents.get("marketing").get("messageId").stringValue()).isEqualTo("m1");
        assertThat(state.consents.get("analytics").get("granted").booleanValue()).isTrue();
        assertThat(state.consents.get("analytics").get("at").stringValue()).isEqualTo(minutes(20).toString());
    }

    @Test
    void absorbingAMergedProfileCombinesStatsAndKeepsTheLatestTraitsAndConsents() {
        ProfileState survivor = new ProfileState(1, minutes(100));
        survivor.apply(identify(minutes(100), "{\"name\":\"Survivor\",\"plan\":\"pro\"}"));
        survivor.apply(track("Order Completed", minutes(110), "{\"revenue\":10}"));
        survivor.apply(event(EventType.PAGE, null, minutes(111),
                "{\"context\":{\"consent\":{\"categoryPreferences\":{\"marketing\":false}}}}"));
        survivor.traitChanges.clear();

        ProfileState merged = new ProfileState(2, minutes(0));
        merged.apply(identify(minutes(0), "{\"name\":\"Old\",\"email\":\"ada@example.org\"}"));
        merged.apply(identify(minutes(200), "{\"plan\":\"enterprise\"}"));
        merged.apply(track("Order Completed", minutes(201), "{\"total\":5.5}"));
        merged.apply(event(EventType.PAGE, null, minutes(10),
                "{\"context\":{\"consent\":{\"categoryPreferences\":{\"marketing\":true}}}}"));

        survivor.absorb(merged);

        assertThat(survivor.events).isEqualTo(7);
        assertThat(survivor.sessions).isEqualTo(merged.sessions + 1);
        assertThat(survivor.orders).isEqualTo(2);
        assertThat(survivor.revenue).isEqualByComparingTo("15.5");
        assertThat(survivor.firstSeen).isEqualTo(minutes(0));
        assertThat(survivor.lastSeen).isEqualTo(minutes(201));
        assertThat(survivor.createdAt).isEqualTo(minutes(0));
        assertThat(survivor.traits.get("name").stringValue()).isEqualTo("Survivor");
        assertThat(survivor.traits.get("plan").stringValue()).isEqualTo("enterprise");
        assertThat(survivor.traits.get("email").stringValue()).isEqualTo("ada@example.org");
        assertThat(survivor.consents.get("marketing").get("granted").booleanValue())
                .as("the survivor's choice is newer").isFalse();
        assertThat(survivor.traitChanges).as("the merged profile's history moves over by itself, not as new changes")
                .isEmpty();
    }
}
