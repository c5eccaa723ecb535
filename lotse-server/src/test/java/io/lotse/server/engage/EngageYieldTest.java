package io.lotse.server.engage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Engage leaves the machine to the profiles while they are far behind, but never for long. */
class EngageYieldTest {

    @Test
    void engageWaitsWhileTheProfilesAreMoreThanASecondOfEventsBehind() {
        assertThat(EngageLog.yields(EngageLog.PROFILES_BEHIND_LIMIT + 1, Duration.ZERO)).isTrue();
        assertThat(EngageLog.yields(EngageLog.PROFILES_BEHIND_LIMIT, Duration.ZERO)).isFalse();
        assertThat(EngageLog.yields(0, Duration.ZERO)).isFalse();
    }

    @Test
    void engageNeverWaitsLongerThanItsLongestYield() {
        assertThat(EngageLog.yields(1_000_000, EngageLog.LONGEST_YIELD.minusMillis(1))).isTrue();
        assertThat(EngageLog.yields(1_000_000, EngageLog.LONGEST_YIELD)).as("a round runs, then it may wait again")
                .isFalse();
    }
}
