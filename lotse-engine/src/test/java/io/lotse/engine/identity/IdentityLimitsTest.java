package io.lotse.engine.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityLimitsTest {

    @Test
    void userIdLimitIsOneWhenNotListed() {
        IdentityLimits limits = new IdentityLimits(Map.of(IdentityType.EMAIL, 3));

        assertThat(limits.max(IdentityType.USER_ID)).isEqualTo(1);
    }

    @Test
    void userIdLimitOfOneMayBeStatedExplicitly() {
        IdentityLimits limits = new IdentityLimits(Map.of(IdentityType.USER_ID, 1));

        assertThat(limits.max(IdentityType.USER_ID)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 5, Integer.MAX_VALUE})
    void userIdLimitAboveOneIsRejected(int max) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new IdentityLimits(Map.of(IdentityType.USER_ID, max)))
                .withMessageContaining("user id");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void limitsBelowOneAreRejected(int max) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new IdentityLimits(Map.of(IdentityType.EMAIL, max)))
                .withMessageContaining("email")
                .withMessageContaining(String.valueOf(max));
    }

    @Test
    void userIdLimitOfZeroIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new IdentityLimits(Map.of(IdentityType.USER_ID, 0)));
    }

    @Test
    void limitOfOneIsAllowed() {
        IdentityLimits limits = new IdentityLimits(Map.of(IdentityType.PHONE, 1));

        assertThat(limits.max(IdentityType.PHONE)).isEqualTo(1);
    }

    @Test
    void listedTypesHaveTheirLimit() {
        IdentityLimits limits = new IdentityLimits(Map.of(
                IdentityType.EMAIL, 2,
                IdentityType.external("crm_id"), 3));

        assertThat(limits.max(IdentityType.EMAIL)).isEqualTo(2);
        assertThat(limits.max(IdentityType.external("CRM_ID"))).isEqualTo(3);
    }

    @Test
    void unlistedTypesAreUnlimited() {
        IdentityLimits limits = new IdentityLimits(Map.of(IdentityType.EMAIL, 2));

        assertThat(limits.max(IdentityType.PHONE)).isEqualTo(Integer.MAX_VALUE);
        assertThat(limits.max(IdentityType.DEVICE_ID)).isEqualTo(Integer.MAX_VALUE);
        assertThat(limits.max(IdentityType.ANONYMOUS_ID)).isEqualTo(Integer.MAX_VALUE);
        assertThat(limits.max(IdentityType.external("crm_id"))).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void emptyLimitsLeaveEverythingButTheUserIdUnlimited() {
        IdentityLimits limits = new IdentityLimits(Map.of());

        assertThat(limits.max(IdentityType.USER_ID)).isEqualTo(1);
        assertThat(limits.max(IdentityType.EMAIL)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void defaultsAllowOneUserIdFiveEmailsFivePhonesAndTenDevices() {
        IdentityLimits defaults = IdentityLimits.defaults();

        assertThat(defaults.max(IdentityType.USER_ID)).isEqualTo(1);
        assertThat(defaults.max(IdentityType.EMAIL)).isEqualTo(5);
        assertThat(defaults.max(IdentityType.PHONE)).isEqualTo(5);
        assertThat(defaults.max(IdentityType.DEVICE_ID)).isEqualTo(10);
        assertThat(defaults.max(IdentityType.ANONYMOUS_ID)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void laterChangesToTheGivenMapDoNotChangeTheLimits() {
        Map<IdentityType, Integer> perType = new HashMap<>();
        perType.put(IdentityType.EMAIL, 2);
        IdentityLimits limits = new IdentityLimits(perType);

        perType.put(IdentityType.EMAIL, 50);
        perType.put(IdentityType.PHONE, 1);

        assertThat(limits.max(IdentityType.EMAIL)).isEqualTo(2);
        assertThat(limits.max(IdentityType.PHONE)).isEqualTo(Integer.MAX_VALUE);
        assertThat(limits.perType()).containsOnlyKeys(IdentityType.EMAIL);
    }
}
