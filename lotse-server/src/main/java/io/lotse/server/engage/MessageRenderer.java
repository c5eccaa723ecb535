package io.lotse.server.engage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Renders content for a person: fills the tokens, builds the recommendations block, gives the person their
 * unsubscribe and preference links, rewrites the HTML links into tracked redirects and adds the open pixel.
 */
@Component
class MessageRenderer {

    private static final Pattern HREF = Pattern.compile("href=\"(https?://[^\"]+)\"");

    private final Tokens tokens;
    private final PublicLinks links;

    MessageRenderer(Tokens tokens, PublicLinks links) {
        this.tokens = tokens;
        this.links = links;
    }

    /**
     * Renders the content for a person and a delivery.
     *
     * @param deliveryId the delivery the links point back to; 0 for a preview (links lead nowhere)
     * @param campaign   the campaign key added as {@code utm_campaign} to tracked links, or null
     * @param tracked    whether links become tracked redirects and an open pixel is added (marketing mail only)
     */
    RenderedMessage render(Content content, Person person, long deliveryId, @Nullable String campaign,
                           boolean tracked) {
        String unsubscribe = links.unsubscribe(deliveryId);
        String preferences = links.preferences(deliveryId);
        Values values = new Values(person, unsubscribe, preferences);
        String html = content.html().render(values);
        if (deliveryId > 0 && tracked) {
            html = track(html, deliveryId, campaign, unsubscribe, preferences);
            String pixel = "<img src=\"" + links.open(deliveryId) + "\" width=\"1\" height=\"1\" alt=\"\">";
            int body = html.lastIndexOf("</body>");
            html = body >= 0 ? html.substring(0, body) + pixel + html.substring(body) : html + pixel;
        }
        return new RenderedMessage(content.subject().render(values).replaceAll("[\\r\\n]+", " ").strip(), html,
                content.text().render(values));
    }

    private String track(String html, long deliveryId, @Nullable String campaign, String unsubscribe,
                         String preferences) {
        String token = tokens.token(Tokens.Purpose.CLICK, deliveryId);
        Matcher matcher = HREF.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 512);
        while (matcher.find()) {
            String url = unescape(matcher.group(1));
            String replacement;
            if (url.equals(unsubscribe) || url.equals(preferences)) {
                replacement = matcher.group();
            } else {
                String target = campaign == null ? url : withUtm(url, campaign);
                replacement = "href=\"" + MessageTemplate.escape(links.click(token, target, tokens.sign(token + target)))
                        + "\"";
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static String withUtm(String url, String campaign) {
        if (url.contains("utm_source=")) {
            return url;
        }
        int hash = url.indexOf('#');
        String base = hash >= 0 ? url.substring(0, hash) : url;
        String fragment = hash >= 0 ? url.substring(hash) : "";
        return base + (base.contains("?") ? "&" : "?") + "utm_source=lotse&utm_medium=email&utm_campaign="
                + URLEncoder.encode(campaign, StandardCharsets.UTF_8) + fragment;
    }

    private static String unescape(String attribute) {
        return attribute.replace("&amp;", "&");
    }

    /** The recommendations block: product cards in HTML, a list in text. */
    static String recommendationsBlock(List<RecommendedItem> items, boolean html) {
        StringBuilder out = new StringBuilder();
        if (html) {
            out.append("<table role=\"presentation\" class=\"recommendations\" cellpadding=\"0\" cellspacing=\"0\"><tr>");
            for (RecommendedItem item : items) {
                out.append("<td style=\"padding:8px;vertical-align:top;width:25%\">");
                String url = item.url();
                if (url != null) {
                    out.append("<a href=\"").append(MessageTemplate.escape(url)).append("\">");
                }
                if (item.imageUrl() != null) {
                    out.append("<img src=\"").append(MessageTemplate.escape(item.imageUrl()))
                            .append("\" alt=\"\" width=\"120\" style=\"display:block\">");
                }
                out.append("<span>").append(MessageTemplate.escape(item.name())).append("</span>");
                if (url != null) {
                    out.append("</a>");
                }
                String price = RecentProductsRecommendations.priceText(item.price(), item.currency());
                if (!price.isEmpty()) {
                    out.append("<br><strong>").append(MessageTemplate.escape(price)).append("</strong>");
                }
                out.append("</td>");
            }
            return out.append("</tr></table>").toString();
        }
        for (RecommendedItem item : items) {
            out.append("- ").append(item.name());
            String price = RecentProductsRecommendations.priceText(item.price(), item.currency());
            if (!price.isEmpty()) {
                out.append(", ").append(price);
            }
            if (item.url() != null) {
                out.append(": ").append(item.url());
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The person's values as the template sees them. */
    private record Values(Person person, String unsubscribe, String preferences)
            implements MessageTemplate.PersonValues {

        @Override
        public @Nullable String value(String path) {
            switch (path) {
                case "unsubscribe_url":
                    return unsubscribe;
                case "preferences_url":
                    return preferences;
                case "email":
                    return person.email();
                case "profile_id":
                    return Long.toString(person.profileId());
                default:
                    break;
            }
            if (path.startsWith("score.")) {
                Double score = person.scores().get(path.substring(6));
                return score == null ? null : formatNumber(score);
            }
            JsonNode node = person.traits();
            String traitPath = path.startsWith("traits.") ? path.substring(7) : path;
            for (String step : traitPath.split("\\.")) {
                node = node.path(step);
            }
            if (node.isString()) {
                return node.stringValue();
            }
            if (node.isNumber()) {
                return formatNumber(node.doubleValue());
            }
            if (node.isBoolean()) {
                return Boolean.toString(node.booleanValue());
            }
            return null;
        }

        @Override
        public @Nullable String block(String path, boolean html) {
            return path.equals("recommendations") ? recommendationsBlock(person.recommendations(), html) : null;
        }

        @Override
        public boolean inSegment(String segmentKey) {
            return person.segments().contains(segmentKey);
        }

        private static String formatNumber(double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : String.format(java.util.Locale.ROOT, "%.2f", value);
        }
    }
}
