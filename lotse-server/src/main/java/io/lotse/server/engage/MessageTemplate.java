package io.lotse.server.engage;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A compiled template text with per-person tokens, rendered many times.
 *
 * <ul>
 *   <li>{@code {{firstName}}}, {@code {{traits.address.city}}}: a trait of the person (a bare name is a trait);
 *   {@code {{firstName | "there"}}} with a default for people without it</li>
 *   <li>{@code {{score.churn_risk}}}: a score of the person, when scores are available</li>
 *   <li>{@code {{recommendations}}}: a block of the person's recommended products</li>
 *   <li>{@code {{unsubscribe_url}}}, {@code {{preferences_url}}}: the person's links</li>
 *   <li>{@code {{#segment vip}}…{{/segment}}}: shown only to members of a segment;
 *   {@code {{^segment vip}}…{{/segment}}} only to non-members</li>
 * </ul>
 *
 * <p>Values are HTML-escaped when the template is HTML. Compiling checks the syntax, so that a broken template is
 * refused when it is saved, not when a campaign is sent.
 */
final class MessageTemplate {

    private static final Pattern TOKEN = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}", Pattern.DOTALL);
    private static final Pattern VALUE = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)*)(?:\\s*\\|\\s*\"([^\"]*)\")?");
    private static final Pattern SECTION = Pattern.compile("([#^])segment\\s+([A-Za-z0-9_.:-]+)");

    /** A piece of a template. */
    sealed interface Part permits Literal, Value, Section {}

    record Literal(String text) implements Part {}

    /**
     * @param path         dotted name: {@code traits.x}, {@code score.x}, or a special name
     * @param defaultValue shown when the person has no value
     */
    record Value(String path, String defaultValue) implements Part {}

    /**
     * @param segment the segment key
     * @param members whether the content is for members ({@code #}) or non-members ({@code ^})
     * @param parts   the content
     */
    record Section(String segment, boolean members, List<Part> parts) implements Part {}

    private final List<Part> parts;
    private final boolean html;

    private MessageTemplate(List<Part> parts, boolean html) {
        this.parts = parts;
        this.html = html;
    }

    /**
     * Compiles a template text.
     *
     * @param html whether values are to be HTML-escaped
     * @throws TemplateException naming the token and its position when the syntax is wrong
     */
    static MessageTemplate compile(String text, boolean html) {
        List<List<Part>> stack = new ArrayList<>();
        List<String> openSegments = new ArrayList<>();
        List<Boolean> openMembers = new ArrayList<>();
        List<Part> current = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        int position = 0;
        while (matcher.find()) {
            if (matcher.start() > position) {
                current.add(new Literal(text.substring(position, matcher.start())));
            }
            String token = matcher.group(1);
            Matcher section = SECTION.matcher(token);
            if (section.matches()) {
                stack.add(current);
                openSegments.add(section.group(2));
                openMembers.add(section.group(1).equals("#"));
                current = new ArrayList<>();
            } else if (token.equals("/segment")) {
                if (stack.isEmpty()) {
                    throw new TemplateException("{{/segment}} at character " + matcher.start()
                            + " closes no {{#segment …}}");
                }
                Section closed = new Section(openSegments.remove(openSegments.size() - 1),
                        openMembers.remove(openMembers.size() - 1), List.copyOf(current));
                current = stack.remove(stack.size() - 1);
                current.add(closed);
            } else {
                Matcher value = VALUE.matcher(token);
                if (!value.matches()) {
                    throw new TemplateException("'{{" + token + "}}' at character " + matcher.start()
                            + " is not a token: write {{name}}, {{name | \"default\"}} or {{#segment key}}");
                }
                current.add(new Value(value.group(1), value.group(2) == null ? "" : value.group(2)));
            }
            position = matcher.end();
        }
        String rest = text.substring(position);
        int unclosed = rest.indexOf("{{");
        if (unclosed >= 0) {
            throw new TemplateException("'{{' at character " + (position + unclosed) + " is never closed with '}}'");
        }
        if (!rest.isEmpty()) {
            current.add(new Literal(rest));
        }
        if (!stack.isEmpty()) {
            throw new TemplateException("{{#segment " + openSegments.get(openSegments.size() - 1)
                    + "}} is never closed with {{/segment}}");
        }
        return new MessageTemplate(List.copyOf(current), html);
    }

    List<Part> parts() {
        return parts;
    }

    /** Renders the template for one person. */
    String render(PersonValues person) {
        StringBuilder out = new StringBuilder(256);
        render(parts, person, out);
        return out.toString();
    }

    private void render(List<Part> parts, PersonValues person, StringBuilder out) {
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Value value) {
                String block = person.block(value.path(), html);
                if (block != null) {
                    out.append(block);
                } else {
                    String text = person.value(value.path());
                    String shown = text == null || text.isEmpty() ? value.defaultValue() : text;
                    out.append(html ? escape(shown) : shown);
                }
            } else if (part instanceof Section section && person.inSegment(section.segment()) == section.members()) {
                render(section.parts(), person, out);
            }
        }
    }

    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** What a template can ask about the person it is rendered for. */
    interface PersonValues {

        /** A plain value for a dotted path, or null when the person has none. */
        @Nullable String value(String path);

        /** A ready-made block (HTML or text) for a special name such as {@code recommendations}, else null. */
        @Nullable String block(String path, boolean html);

        boolean inSegment(String segmentKey);
    }
}
