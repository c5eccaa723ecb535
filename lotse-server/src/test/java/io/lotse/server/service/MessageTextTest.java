package io.lotse.server.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageTextTest {

    @Test
    void ordinaryTextPassesTrimmed() {
        assertThat(MessageText.check("  Wo bleibt\tmeine Bestellung?\r\n", 100)).isEqualTo("Wo bleibt\tmeine Bestellung?");
    }

    @Test
    void emptyHugeBinaryAndMisdecodedTextAreRefusedWithTheReason() {
        assertThatThrownBy(() -> MessageText.check(" \n ", 100)).hasMessageContaining("empty");
        assertThatThrownBy(() -> MessageText.check("x".repeat(101), 100)).hasMessageContaining("at most 100");
        assertThatThrownBy(() -> MessageText.check("PK\u0003\u0004\u0000\u0000", 100)).hasMessageContaining("binary");
        assertThatThrownBy(() -> MessageText.check("abc\u0007def", 100)).hasMessageContaining("control characters");
        assertThatThrownBy(() -> MessageText.check("Gr\uFFFD\uFFFDe", 100)).hasMessageContaining("encoding");
    }

    @Test
    void latin1BytesAreNotUtf8() {
        assertThat(MessageText.utf8("Grüße".getBytes(StandardCharsets.UTF_8))).isEqualTo("Grüße");
        assertThatThrownBy(() -> MessageText.utf8("Grüße".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(InvalidServiceMessageException.class).hasMessageContaining("UTF-8");
    }
}
