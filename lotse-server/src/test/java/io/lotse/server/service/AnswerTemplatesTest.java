package io.lotse.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerTemplatesTest {

    private final AnswerTemplates templates = new AnswerTemplates();

    @Test
    void everyIntentHasAGermanAndAnEnglishTemplate() {
        assertThat(templates.intents()).hasSize(31).contains("where_is_my_order", "out_of_scope");
        for (String intent : templates.intents()) {
            for (String language : new String[] {"de", "en"}) {
                assertThat(templates.fill(intent, language, Map.of()).text()).isNotBlank();
            }
        }
    }

    @Test
    void theSameDataGivesTheSameAnswer() {
        Map<String, String> data = Map.of("greeting", "Hallo Ada,", "order.number", "LS-2026-000123",
                "order.date", "03.11.2026", "order.status", "storniert", "order.items", "1× Schal",
                "shop.account-url", "https://shop.example/konto");

        AnswerTemplates.Answer first = templates.fill("where_is_my_order", "de", data);
        AnswerTemplates.Answer second = templates.fill("where_is_my_order", "de", Map.copyOf(data));

        assertThat(first).isEqualTo(second);
        assertThat(first.complete()).isTrue();
        assertThat(first.automate()).isTrue();
        assertThat(first.text()).startsWith("Hallo Ada,").contains("LS-2026-000123", "03.11.2026", "storniert",
                "1× Schal", "https://shop.example/konto");
    }

    @Test
    void missingDataIsNamedAndLeftVisible() {
        AnswerTemplates.Answer answer = templates.fill("where_is_my_order", "en", Map.of("greeting", "Hello,"));

        assertThat(answer.complete()).isFalse();
        assertThat(answer.missing()).contains("order.number", "order.date");
        assertThat(answer.text()).contains("{order.number}");
    }

    @Test
    void complaintsAlwaysNeedAPerson() {
        assertThat(templates.automatable("complaint")).isFalse();
        assertThat(templates.automatable("opening_hours")).isTrue();
    }
}
