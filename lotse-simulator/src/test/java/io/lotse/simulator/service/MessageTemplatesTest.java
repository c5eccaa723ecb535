package io.lotse.simulator.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MessageTemplatesTest {

    private static final Set<String> SLOTS = Set.of("order", "date", "amount", "product", "email", "new_email",
            "days", "name");

    private final MessageTemplates templates = MessageTemplates.load();

    @Test
    void everyIntentHasSeveralParaphraseFamiliesInGermanAndEnglish() {
        assertThat(Intents.ALL).hasSize(30).doesNotHaveDuplicates();
        java.util.List<String> intents = new java.util.ArrayList<>(Intents.ALL);
        intents.add(Intents.OUT_OF_SCOPE);
        for (String intent : intents) {
            for (String language : new String[] {"de", "en"}) {
                var list = templates.templates(intent, language);
                assertThat(list).as(intent + "/" + language).hasSizeGreaterThanOrEqualTo(5);
                Set<String> families = list.stream().map(MessageTemplates.Template::paraphraseGroup)
                        .collect(Collectors.toSet());
                assertThat(families).as(intent + "/" + language).hasSizeGreaterThanOrEqualTo(3);
            }
        }
    }

    @Test
    void templatesUseOnlyKnownSlotsAndBalancedAlternatives() {
        Pattern slot = Pattern.compile("\\$\\{([a-z_]+)}");
        for (String intent : Intents.ALL) {
            for (String language : new String[] {"de", "en"}) {
                for (MessageTemplates.Template template : templates.templates(intent, language)) {
                    Matcher matcher = slot.matcher(template.text());
                    while (matcher.find()) {
                        assertThat(SLOTS).as(template.id()).contains(matcher.group(1));
                    }
                    String text = template.text().replaceAll("\\$\\{[a-z_]+}", "");
                    assertThat(text.chars().filter(c -> c == '{').count()).as(template.id())
                            .isEqualTo(text.chars().filter(c -> c == '}').count());
                }
            }
        }
    }

    @Test
    void expandingPicksAnAlternativeAndFillsTheSlots() {
        String text = MessageTemplates.expand("{Hallo|Hi}, wo ist {die Bestellung ${order}|${order}}?",
                Map.of("order", "LS-2026-000001"), new SplittableRandom(1));
        assertThat(text).matches("(Hallo|Hi), wo ist (die Bestellung )?LS-2026-000001\\?");
        assertThat(templates.templates("where_is_my_order", "de").get(0).id()).isEqualTo("where_is_my_order.de.1.1");
    }

    @Test
    void generalIntentsHaveTemplatesThatNeedNoOrder() {
        for (String intent : Set.of("product_question", "password_reset", "payment_failed", "voucher_problem",
                "loyalty_points", "complaint", "unsubscribe", "change_email", "delete_account")) {
            for (String language : new String[] {"de", "en"}) {
                assertThat(templates.templates(intent, language)).as(intent)
                        .anySatisfy(t -> assertThat(t.needsOrder()).isFalse());
            }
        }
    }
}
