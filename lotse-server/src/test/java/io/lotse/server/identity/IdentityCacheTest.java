package io.lotse.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.engine.identity.Identifier;
import io.lotse.engine.identity.IdentityType;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityCacheTest {

    private final Identifier anonymous = new Identifier(IdentityType.ANONYMOUS_ID, "a-1");
    private final Identifier email = new Identifier(IdentityType.EMAIL, "ada@example.org");
    private final IdentityCache cache = new IdentityCache(100);

    @Test
    void keepsWhatARoundCommittedForTheNextRoundFromThatPosition() {
        cache.beginRound(0);
        cache.put(7, new LinkedHashSet<>(List.of(anonymous, email)));
        cache.committed(500);

        cache.beginRound(500);

        assertThat(cache.owner(email)).isEqualTo(7L);
        assertThat(cache.identifiersOf(7)).containsExactly(anonymous, email);
    }

    @Test
    void forgetsEverythingWhenARoundStartsAnywhereElse() {
        cache.beginRound(0);
        cache.put(7, new LinkedHashSet<>(List.of(anonymous)));
        cache.committed(500);

        cache.beginRound(800);

        assertThat(cache.owner(anonymous)).isNull();
        assertThat(cache.holds(7)).isFalse();
    }

    @Test
    void forgetsEverythingWhenARoundDidNotCommit() {
        cache.beginRound(0);
        cache.put(7, new LinkedHashSet<>(List.of(anonymous)));

        cache.beginRound(0);

        assertThat(cache.holds(7)).isFalse();
    }

    @Test
    void aProfileStoredAgainLosesTheIdentifiersItNoLongerHas() {
        cache.put(7, new LinkedHashSet<>(List.of(anonymous, email)));
        cache.put(8, new LinkedHashSet<>(List.of(email)));
        cache.put(7, new LinkedHashSet<>(List.of(anonymous)));

        assertThat(cache.owner(email)).isEqualTo(8L);
        assertThat(cache.owner(anonymous)).isEqualTo(7L);
    }

    @Test
    void growingBeyondItsLimitClearsAtTheNextRound() {
        IdentityCache small = new IdentityCache(1);
        small.beginRound(0);
        small.put(7, new LinkedHashSet<>(List.of(anonymous, email)));
        small.committed(10);

        small.beginRound(10);

        assertThat(small.holds(7)).isFalse();
    }
}
