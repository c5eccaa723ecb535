package io.lotse.server.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Answer templates per intent and language ({@code answer-templates.tsv}), filled from the data gathered for a
 * ticket. Filling is a pure function of template and data: the same question with the same data gets the same
 * answer.
 */
@Component
class AnswerTemplates {

    private static final String FILE = "/io/lotse/server/service/answer-templates.tsv";
    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z0-9_.-]+)}");

    /** What automated answers add, so that nobody takes them for a person's. */
    static final Map<String, String> AUTOMATED_NOTE = Map.of(
            "de", "\n\n—\nDiese Antwort wurde automatisch erstellt. Antworten Sie einfach auf diese Nachricht, "
                    + "dann meldet sich ein Mensch aus unserem Service-Team.",
            "en", "\n\n—\nThis answer was written automatically. Just reply to this message and a person from "
                    + "our service team will get back to you.");

    /**
     * One template.
     *
     * @param intent    the intent it answers
     * @param language  {@code de} or {@code en}
     * @param automate  whether it may be sent without a person
     * @param text      the text with {@code {variable}} slots
     */
    record Template(String intent, String language, boolean automate, String text) {}

    /**
     * A filled template.
     *
     * @param text      the answer, unknown variables left as {@code {name}}
     * @param missing   variables without a value
     * @param automate  whether the template may be sent without a person
     */
    record Answer(String text, List<String> missing, boolean automate) {

        boolean complete() {
            return missing.isEmpty();
        }
    }

    private final Map<String, Template> templates;

    AnswerTemplates() {
        this.templates = load();
    }

    /** The intents that have templates, in file order. */
    List<String> intents() {
        List<String> intents = new ArrayList<>();
        for (Template template : templates.values()) {
            if (!intents.contains(template.intent())) {
                intents.add(template.intent());
            }
        }
        return intents;
    }

    /** Whether the intent's template may be sent automatically at all. */
    boolean automatable(String intent) {
        Template template = templates.get(intent + "/en");
        return template != null && template.automate();
    }

    /** Fills the template of an intent in a language (English when there is none in that language). */
    Answer fill(String intent, String language, Map<String, String> variables) {
        Template template = templates.getOrDefault(intent + "/" + language, templates.get(intent + "/en"));
        if (template == null) {
            template = templates.get(IntentModel.OUT_OF_SCOPE + "/" + ("de".equals(language) ? "de" : "en"));
        }
        Objects.requireNonNull(template, "no template for out_of_scope");
        List<String> missing = new ArrayList<>();
        Matcher m = VARIABLE.matcher(template.text());
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null || value.isBlank()) {
                if (!missing.contains(m.group(1))) {
                    missing.add(m.group(1));
                }
                m.appendReplacement(filled, Matcher.quoteReplacement(m.group()));
            } else {
                m.appendReplacement(filled, Matcher.quoteReplacement(value));
            }
        }
        m.appendTail(filled);
        return new Answer(filled.toString(), List.copyOf(missing), template.automate());
    }

    private static Map<String, Template> load() {
        try (InputStream in = Objects.requireNonNull(AnswerTemplates.class.getResourceAsStream(FILE), FILE)) {
            Map<String, Template> templates = new LinkedHashMap<>();
            int number = 0;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                if (columns.length != 4 || !Set.of("yes", "no").contains(columns[2])) {
                    throw new IllegalStateException(FILE + " line " + number
                            + ": expected intent, language, yes/no and template separated by tabs");
                }
                templates.put(columns[0] + "/" + columns[1], new Template(columns[0], columns[1],
                        "yes".equals(columns[2]), columns[3].replace("\\n", "\n")));
            }
            return java.util.Collections.unmodifiableMap(templates);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
