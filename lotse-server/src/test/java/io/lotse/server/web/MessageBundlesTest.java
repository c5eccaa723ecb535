package io.lotse.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The English and German texts of the UI stay in step: the same keys, each with a text. */
class MessageBundlesTest {

    private final Properties english = load("messages.properties");
    private final Properties german = load("messages_de.properties");

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertThat(german.stringPropertyNames())
                .as("keys of messages_de.properties compared to messages.properties")
                .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
    }

    @Test
    void noTextIsEmpty() {
        assertThat(english.stringPropertyNames()).allSatisfy(key ->
                assertThat(english.getProperty(key)).as("English " + key).isNotBlank());
        assertThat(german.stringPropertyNames()).allSatisfy(key ->
                assertThat(german.getProperty(key)).as("German " + key).isNotBlank());
    }

    @Test
    void germanIsReadAsUtf8() {
        assertThat(german.getProperty("nav.dashboard")).isEqualTo("Übersicht");
        assertThat(german.values()).noneSatisfy(text -> assertThat(text.toString()).contains("\uFFFD"));
    }

    private static Properties load(String name) {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the class path").isNotNull();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + name, e);
        }
        return properties;
    }
}
