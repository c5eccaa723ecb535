package io.lotse.server.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Values written in PostgreSQL's COPY text format must come back exactly as they went in. */
class EventLogWriterCopyFieldTest {

    private static String copy(@Nullable String value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventLogWriter.copyField(out, value);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainTextIsWrittenUnchanged() throws IOException {
        assertThat(copy("Order Completed")).isEqualTo("Order Completed");
        assertThat(copy("")).isEmpty();
    }

    @Test
    void nullIsTheCopyNullMarker() throws IOException {
        assertThat(copy(null)).isEqualTo("\\N");
    }

    @Test
    void tabNewlineCarriageReturnAndBackslashAreEscaped() throws IOException {
        assertThat(copy("a\tb\nc\rd\\e")).isEqualTo("a\\tb\\nc\\rd\\\\e");
    }

    @Test
    void aLiteralBackslashNIsNotMistakenForNull() throws IOException {
        assertThat(copy("\\N")).isEqualTo("\\\\N");
    }

    @Test
    void escapesAtTheEdgesAndInARowAreAllWritten() throws IOException {
        assertThat(copy("\t\t")).isEqualTo("\\t\\t");
        assertThat(copy("\nx\n")).isEqualTo("\\nx\\n");
    }

    @Test
    void jsonWithEscapedCharactersSurvives() throws IOException {
        String json = "{\"name\":\"tab\\there \\\"quoted\\\"\"}";

        assertThat(copy(json)).isEqualTo("{\"name\":\"tab\\\\there \\\\\"quoted\\\\\"\"}");
    }

    @Test
    void multiByteCharactersAreWrittenAsUtf8() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventLogWriter.copyField(out, "Grüße 👋\tß");

        assertThat(out.toByteArray()).isEqualTo("Grüße 👋\\tß".getBytes(StandardCharsets.UTF_8));
    }
}
