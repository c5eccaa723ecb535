package io.lotse.server.engage;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The fields of a hosted form and how each is checked. Every form has an {@code email} field, which identifies the
 * person; other values become traits of the profile under the field's name.
 *
 * @param fields the fields in the order shown
 */
record FormDefinition(List<Field> fields) {

    static final Set<String> TYPES = Set.of("email", "text", "textarea", "number", "tel", "date", "select", "checkbox");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()/-]{5,30}");
    private static final int MAX_TEXT = 500;
    private static final int MAX_TEXTAREA = 5_000;

    /**
     * One field.
     *
     * @param name     the trait it becomes, letters, digits and {@code _}
     * @param label    what the person sees
     * @param type     email, text, textarea, number, tel, date, select or checkbox
     * @param required whether it must be filled
     * @param options  the choices of a select
     */
    record Field(String name, String label, String type, boolean required, List<String> options) {

        Field {
            options = List.copyOf(options);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("field name '" + name + "' must start with a letter and have only "
                        + "letters, digits and '_' (at most 40)");
            }
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException("field '" + name + "' has the unknown type '" + type + "'; use one of "
                        + TYPES);
            }
            if (type.equals("select") && options.isEmpty()) {
                throw new IllegalArgumentException("select field '" + name + "' needs 'options'");
            }
            if (label.isBlank()) {
                throw new IllegalArgumentException("field '" + name + "' needs a label");
            }
        }
    }

    FormDefinition {
        fields = List.copyOf(fields);
        Set<String> names = new HashSet<>();
        for (Field field : fields) {
            if (!names.add(field.name())) {
                throw new IllegalArgumentException("field '" + field.name() + "' appears twice");
            }
        }
        if (fields.stream().noneMatch(f -> f.name().equals("email") && f.type().equals("email") && f.required())) {
            throw new IllegalArgumentException("a form needs a required field 'email' of type email: it identifies the "
                    + "person");
        }
    }

    static FormDefinition parse(JsonNode fields) {
        if (!fields.isArray()) {
            throw new IllegalArgumentException("'fields' must be a list");
        }
        List<Field> parsed = new ArrayList<>();
        for (JsonNode field : fields) {
            List<String> options = new ArrayList<>();
            field.path("options").forEach(o -> options.add(o.asString()));
            parsed.add(new Field(field.path("name").asString(""), field.path("label").asString(""),
                    field.path("type").asString("text"), field.path("required").asBoolean(false), options));
        }
        return new FormDefinition(parsed);
    }

    /** What a submission holds after checking: clean values, and an error per field that failed. */
    record Checked(Map<String, Object> values, Map<String, String> errors) {

        boolean valid() {
            return errors.isEmpty();
        }
    }

    /** Checks submitted values; fields the form does not have are ignored. */
    Checked check(Map<String, String> submitted) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Field field : fields) {
            String raw = submitted.get(field.name());
            String value = raw == null ? "" : raw.strip();
            if (field.type().equals("checkbox")) {
                boolean checked = value.equals("on") || value.equals("true") || value.equals("1");
                if (field.required() && !checked) {
                    errors.put(field.name(), "required");
                }
                values.put(field.name(), checked);
                continue;
            }
            if (value.isEmpty()) {
                if (field.required()) {
                    errors.put(field.name(), "required");
                }
                continue;
            }
            String error = error(field, value);
            if (error != null) {
                errors.put(field.name(), error);
                continue;
            }
            values.put(field.name(), field.type().equals("number") ? Double.valueOf(value.replace(',', '.')) : value);
        }
        return new Checked(values, errors);
    }

    private static @Nullable String error(Field field, String value) {
        int max = field.type().equals("textarea") ? MAX_TEXTAREA : MAX_TEXT;
        if (value.length() > max) {
            return "too_long";
        }
        return switch (field.type()) {
            case "email" -> EmailAddresses.valid(value) ? null : "invalid_email";
            case "tel" -> PHONE.matcher(value).matches() ? null : "invalid_phone";
            case "number" -> {
                try {
                    double number = Double.parseDouble(value.replace(',', '.'));
                    yield Double.isFinite(number) ? null : "invalid_number";
                } catch (NumberFormatException e) {
                    yield "invalid_number";
                }
            }
            case "date" -> {
                try {
                    LocalDate.parse(value);
                    yield null;
                } catch (DateTimeParseException e) {
                    yield "invalid_date";
                }
            }
            case "select" -> field.options().contains(value) ? null : "invalid_choice";
            default -> value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')
                    ? "invalid_characters" : null;
        };
    }
}
