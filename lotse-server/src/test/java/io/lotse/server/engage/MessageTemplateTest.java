package io.lotse.server.engage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class MessageTemplateTest {

    private static final MessageTemplate.PersonValues ADA = new MessageTemplate.PersonValues() {
        private final Map<String, String> values = Map.of("firstName", "Ada", "traits.address.city", "Köln",
                "score.churn_risk", "0.12", "company", "<Lovelace & Co>");

        @Override
        public @Nullable String value(String path) {
            return values.get(path);
        }

        @Override
        public @Nullable String block(String path, boolean html) {
            return path.equals("recommendations") ? (html ? "<table>products</table>" : "- products") : null;
        }

        @Override
        public boolean inSegment(String segmentKey) {
            return Set.of("vip").contains(segmentKey);
        }
    };

    @Test
    void fillsTraitsScoresAndDefaults() {
        MessageTemplate template = MessageTemplate.compile(
                "Hi {{ firstName }} from {{traits.address.city}}, risk {{score.churn_risk}}, {{lastName | \"friend\"}}",
                false);

        assertThat(template.render(ADA)).isEqualTo("Hi Ada from Köln, risk 0.12, friend");
    }

    @Test
    void escapesValuesInHtmlButNotBlocks() {
        assertThat(MessageTemplate.compile("<b>{{company}}</b>{{recommendations}}", true).render(ADA))
                .isEqualTo("<b>&lt;Lovelace &amp; Co&gt;</b><table>products</table>");
        assertThat(MessageTemplate.compile("{{company}}", false).render(ADA)).isEqualTo("<Lovelace & Co>");
    }

    @Test
    void showsSegmentContentOnlyToMembersOrNonMembers() {
        MessageTemplate template = MessageTemplate.compile(
                "{{#segment vip}}VIP offer{{/segment}}{{^segment vip}}regular{{/segment}}"
                        + "{{#segment churners}}come back{{/segment}}", false);

        assertThat(template.render(ADA)).isEqualTo("VIP offer");
    }

    @Test
    void brokenTemplatesAreRefusedWithWhereTheProblemIs() {
        assertThatThrownBy(() -> MessageTemplate.compile("Hi {{firstName", false))
                .isInstanceOf(TemplateException.class).hasMessageContaining("character 3");
        assertThatThrownBy(() -> MessageTemplate.compile("{{#segment vip}}open", false))
                .hasMessageContaining("never closed");
        assertThatThrownBy(() -> MessageTemplate.compile("{{/segment}}", false)).hasMessageContaining("closes no");
        assertThatThrownBy(() -> MessageTemplate.compile("{{ 1 + 1 }}", false)).hasMessageContaining("not a token");
    }

    @Test
    void contentKnowsWhatItNeeds() {
        Content content = Content.compile("{{firstName}}", "{{#segment vip}}{{recommendations}}{{/segment}}", "x");

        assertThat(content.usesRecommendations()).isTrue();
        assertThat(content.segmentKeys()).containsExactly("vip");
        assertThatThrownBy(() -> Content.compile("{{", "", "")).hasMessageStartingWith("The subject");
    }

    @Test
    void plainTextComesFromHtmlWithLinksAndTokensKept() {
        assertThat(PlainText.fromHtml("<html><head><style>p{}</style></head><body><p>Hi {{firstName}},</p>"
                + "<p>see <a href=\"https://shop.example/new\">what is new</a> &amp; more</p></body></html>"))
                .isEqualTo("Hi {{firstName}},\nsee what is new (https://shop.example/new) & more");
    }
}
