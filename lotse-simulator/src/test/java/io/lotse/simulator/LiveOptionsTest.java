package io.lotse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line of the live mode. */
class LiveOptionsTest {

    @Test
    void liveDefaultsToTwoEventsPerSecond() {
        SimulateCommand.Options options = SimulateCommand.parse("--target", "http://localhost:8080", "--write-key",
                "k", "--live", "--skip-history");
        assertThat(options.live()).isTrue();
        assertThat(options.skipHistory()).isTrue();
        assertThat(options.rate()).isEqualTo(2.0);
        assertThat(SimulateCommand.parse("--target", "http://localhost:8080", "--write-key", "k", "--live",
                "--rate", "0.5").rate()).isEqualTo(0.5);
        assertThat(SimulateCommand.parse("--target", "http://localhost:8080", "--write-key", "k").live()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--live --out /tmp/x|--live needs --target",
        "--target http://localhost:8080 --write-key k --skip-history|--skip-history only applies to --live",
        "--target http://localhost:8080 --write-key k --live --rate 0|more than 0 with --live",
        "--target http://localhost:8080 --write-key k --live=yes|--live takes no value",
        "--target http://localhost:8080 --write-key k --live --live|given twice"})
    void rejectsBadLiveOptions(String arguments, String message) {
        assertThatThrownBy(() -> SimulateCommand.parse(arguments.split(" "))).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining(message);
    }
}
