package io.lotse.simulator.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Paraphrase templates of customer-service messages, loaded from {@code service-templates.tsv}. A template
 * contains alternatives {@code {a|b|c}} (one is picked) and slots {@code ${name}} (filled in).
 */
public final class MessageTemplates {

    /** Slots that only make sense when a message is about a particular order. */
    private static final List<String> ORDER_SLOTS = List.of("${order}", "${date}", "${amount}", "${days}");

    /**
     * One template line.
     *
     * @param id       {@code intent.language.family.line}
     * @param intent   intent, {@code out_of_scope}, or a frame part starting with an underscore
     * @param language {@code de} or {@code en}
     * @param family   paraphrase family within intent and language
     * @param text     the template
     */
    public record Template(String id, String intent, String language, String family, String text) {

        /** The paraphrase group: intent, language and family. */
        public String paraphraseGroup() {
            return intent + "." + language + "." + family;
        }

        /** Whether the template refers to a particular order. */
        public boolean needsOrder() {
            for (String slot : ORDER_SLOTS) {
                if (text.contains(slot)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Map<String, List<Template>> byIntentAndLanguage;

    private MessageTemplates(Map<String, List<Template>> byIntentAndLanguage) {
        this.byIntentAndLanguage = byIntentAndLanguage;
    }

    /** The templates shipped with the simulator. */
    public static MessageTemplates load() {
        try (InputStream in = MessageTemplates.class.getResourceAsStream("/io/lotse/simulator/service-templates.tsv")) {
            Objects.requireNonNull(in, "service-templates.tsv is missing from the class path");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageTemplates parse(String content) {
        Map<String, List<Template>> templates = new LinkedHashMap<>();
        Map<String, Integer> lineInFamily = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new StringReader(content))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", -1);
                if (columns.length != 4) {
                    throw new IllegalStateException("service-templates.tsv line " + number + ": expected 4 columns");
                }
                String group = columns[0] + "." + columns[1] + "." + columns[2];
                int index = lineInFamily.merge(group, 1, Integer::sum);
                Template template = new Template(group + "." + index, columns[0], columns[1], columns[2],
                        columns[3]);
                templates.computeIfAbsent(columns[0] + "/" + columns[1], key -> new ArrayList<>()).add(template);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        templates.replaceAll((key, list) -> List.copyOf(list));
        return new MessageTemplates(Collections.unmodifiableMap(templates));
    }

    /** The templates of an intent (or frame part) in a language; empty if there are none. */
    public List<Template> templates(String intent, String language) {
        return byIntentAndLanguage.getOrDefault(intent + "/" + language, List.of());
    }

    /** Picks alternatives with {@code random}, then fills the slots; unknown slots are left as they are. */
    public static String expand(String text, Map<String, String> slots, RandomGenerator random) {
        StringBuilder picked = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int close = text.indexOf('}', i);
                picked.append(text, i, close + 1);
                i = close + 1;
            } else if (c == '{') {
                List<String> alternatives = new ArrayList<>();
                StringBuilder current = new StringBuilder();
                int j = i + 1;
                while (text.charAt(j) != '}') {
                    if (text.charAt(j) == '$' && text.charAt(j + 1) == '{') {
                        int close = text.indexOf('}', j);
                        current.append(text, j, close + 1);
                        j = close + 1;
                    } else if (text.charAt(j) == '|') {
                        alternatives.add(current.toString());
                        current.setLength(0);
                        j++;
                    } else {
                        current.append(text.charAt(j));
                        j++;
                    }
                }
                alternatives.add(current.toString());
                picked.append(alternatives.get((int) (((random.nextLong() >>> 11) * 0x1.0p-53) * alternatives.size())));
                i = j + 1;
            } else {
                picked.append(c);
                i++;
            }
        }
        String result = picked.toString();
        for (Map.Entry<String, String> slot : slots.entrySet()) {
            result = result.replace("${" + slot.getKey() + "}", slot.getValue());
        }
        return result;
    }
}
