package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IngestOptionsTest {

    @Test
    void defaultsApplyToOptionalSettings() {
        IngestOptions options = IngestOptions.parse("--url", "http://localhost:9000/", "--write-key", "wk",
                "--data-dir=/tmp/lotse");
        assertThat(options).isEqualTo(new IngestOptions(URI.create("http://localhost:9000"), "wk",
                Path.of("/tmp/lotse"), 600_000, 4, 500, 200_000));
    }

    @Test
    void refusesUnknownMissingAndInvalidOptions() {
        assertThatIllegalArgumentException().isThrownBy(() -> IngestOptions.parse("--url", "http://x", "--speed", "1"))
                .withMessageContaining("--speed");
        assertThatIllegalArgumentException().isThrownBy(() -> IngestOptions.parse("--url", "http://x"))
                .withMessageContaining("--write-key");
        assertThatIllegalArgumentException().isThrownBy(() -> IngestOptions.parse("--url", "http://x",
                "--write-key", "k", "--data-dir", "d", "--events", "0")).withMessageContaining("--events");
        assertThatIllegalArgumentException().isThrownBy(() -> IngestOptions.parse("--events"))
                .withMessageContaining("needs a value");
    }
}
