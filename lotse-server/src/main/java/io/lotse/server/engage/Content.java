package io.lotse.server.engage;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The compiled subject, HTML and text of one message (a template, or one variant of a campaign's experiment),
 * ready to be rendered for many people.
 *
 * @param subject the subject line
 * @param html    the HTML body
 * @param text    the plain-text body
 */
record Content(MessageTemplate subject, MessageTemplate html, MessageTemplate text) {

    /**
     * Compiles the three parts.
     *
     * @throws TemplateException naming the part and the problem
     */
    static Content compile(String subject, String html, String text) {
        return new Content(part("subject", subject, false), part("HTML", html, true), part("text", text, false));
    }

    private static MessageTemplate part(String name, String source, boolean html) {
        try {
            return MessageTemplate.compile(source, html);
        } catch (TemplateException e) {
            throw new TemplateException("The " + name + " is not a valid template: " + e.getMessage());
        }
    }

    /** Whether any part shows a recommendations block, so that they need loading. */
    boolean usesRecommendations() {
        return uses(subject.parts(), "recommendations") || uses(html.parts(), "recommendations")
                || uses(text.parts(), "recommendations");
    }

    /** The segment keys the content asks about. */
    Set<String> segmentKeys() {
        Set<String> keys = new HashSet<>();
        collectSegments(subject.parts(), keys);
        collectSegments(html.parts(), keys);
        collectSegments(text.parts(), keys);
        return keys;
    }

    private static boolean uses(List<MessageTemplate.Part> parts, String name) {
        for (MessageTemplate.Part part : parts) {
            if (part instanceof MessageTemplate.Value value && value.path().equals(name)) {
                return true;
            }
            if (part instanceof MessageTemplate.Section section && uses(section.parts(), name)) {
                return true;
            }
        }
        return false;
    }

    private static void collectSegments(List<MessageTemplate.Part> parts, Set<String> keys) {
        for (MessageTemplate.Part part : parts) {
            if (part instanceof MessageTemplate.Section section) {
                keys.add(section.segment());
                collectSegments(section.parts(), keys);
            }
        }
    }
}
