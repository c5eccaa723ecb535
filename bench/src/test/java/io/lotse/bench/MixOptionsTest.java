package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.lotse.engine.mix.AdstockType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MixOptionsTest {

    @Test
    void readsACsvEvaluation() {
        MixOptions options = MixOptions.parse("--data", "w.csv", "--date-col", "week", "--target-col", "revenue",
                "--channels", "tv, search", "--controls=promo", "--adstock", "weibull_pdf");
        assertThat(options.data()).isEqualTo(Path.of("w.csv"));
        assertThat(options.channels()).containsExactly("tv", "search");
        assertThat(options.controls()).containsExactly("promo");
        assertThat(options.adstock()).isEqualTo(AdstockType.WEIBULL_PDF);
        assertThat(options.holidays()).isTrue();
        assertThat(options.seed()).isEqualTo(42);
        assertThat(options.bootstrap()).isEqualTo(50);
    }

    @Test
    void readsASimulatedEvaluation() {
        MixOptions options = MixOptions.parse("--simulated", "/tmp/shop", "--lift-tests", "3", "--bootstrap", "10");
        assertThat(options.simulated()).isEqualTo(Path.of("/tmp/shop"));
        assertThat(options.liftTests()).isEqualTo(3);
        assertThat(options.channels()).isEqualTo(List.of());
    }

    @Test
    void refusesIncompleteOrContradictoryOptions() {
        assertThatIllegalArgumentException().isThrownBy(() -> MixOptions.parse("--data", "w.csv"))
                .withMessageContaining("--date-col");
        assertThatIllegalArgumentException().isThrownBy(() -> MixOptions.parse())
                .withMessageContaining("either --data");
        assertThatIllegalArgumentException().isThrownBy(() -> MixOptions.parse("--simulated", "x", "--channels", "a"))
                .withMessageContaining("--channels is for --data");
        assertThatIllegalArgumentException().isThrownBy(() -> MixOptions.parse("--simulated", "x", "--speed", "1"))
                .withMessageContaining("unknown option --speed");
        assertThatIllegalArgumentException().isThrownBy(() -> MixOptions.parse("--simulated", "x", "--adstock",
                "linear")).withMessageContaining("unknown adstock");
        assertThatIllegalArgumentException().isThrownBy(() -> MixOptions.parse("--data", "w.csv", "--date-col", "d",
                "--target-col", "y", "--channels", "a", "--lift-tests", "2")).withMessageContaining("--simulated");
    }
}
