package io.lotse.server.engage;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The HTML of a form, the same on its hosted page, in a landing page and in the snippet a site embeds: its fields
 * with their errors, the consent checkbox with the exact consent text and its version, and a honeypot field hidden
 * from people.
 */
@Component
class FormHtml {

    private final MessageSource messages;

    FormHtml(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * Renders a form.
     *
     * @param action    where it posts to
     * @param consent   the consent text its checkbox shows, or null for none
     * @param submitted values to show again (after an error), by field name
     * @param errors    error codes by field name
     * @param hidden    extra hidden fields, e.g. the landing-page view it was shown on
     */
    String render(Forms.Form form, String action, @Nullable ConsentText consent, Map<String, String> submitted,
                  Map<String, String> errors, Map<String, String> hidden, Locale locale) {
        StringBuilder out = new StringBuilder(1024);
        out.append("<form class=\"lotse-form form\" method=\"post\" accept-charset=\"utf-8\" action=\"")
                .append(esc(action)).append("\" novalidate>");
        for (FormDefinition.Field field : form.definition().fields()) {
            String id = "lf-" + form.key() + "-" + field.name();
            String value = submitted.getOrDefault(field.name(), "");
            String error = errors.get(field.name());
            out.append("<div class=\"field").append(error == null ? "" : " field-invalid").append("\">");
            if (field.type().equals("checkbox")) {
                out.append("<label><input type=\"checkbox\" name=\"").append(field.name()).append("\" id=\"")
                        .append(id).append("\" value=\"on\"").append(Forms.isTicked(value) ? " checked" : "")
                        .append(field.required() ? " required" : "").append("> ").append(esc(field.label()))
                        .append(field.required() ? " *" : "").append("</label>");
            } else {
                out.append("<label for=\"").append(id).append("\">").append(esc(field.label()))
                        .append(field.required() ? " *" : "").append("</label>");
                input(out, field, id, value);
            }
            if (error != null) {
                out.append("<p class=\"field-error\" role=\"alert\">").append(esc(errorText(error, locale)))
                        .append("</p>");
            }
            out.append("</div>");
        }
        if (consent != null) {
            String error = errors.get(Forms.CONSENT);
            out.append("<div class=\"field field-consent").append(error == null ? "" : " field-invalid").append("\">")
                    .append("<input type=\"hidden\" name=\"").append(Forms.CONSENT_TEXT).append("\" value=\"")
                    .append(consent.id()).append("\">")
                    .append("<label><input type=\"checkbox\" name=\"").append(Forms.CONSENT).append("\" value=\"on\"")
                    .append(Forms.isTicked(submitted.get(Forms.CONSENT)) ? " checked" : "").append("> ")
                    .append(esc(consent.text())).append("</label>");
            if (error != null) {
                out.append("<p class=\"field-error\" role=\"alert\">").append(esc(errorText(error, locale)))
                        .append("</p>");
            }
            out.append("</div>");
        }
        hidden.forEach((name, value) -> out.append("<input type=\"hidden\" name=\"").append(esc(name))
                .append("\" value=\"").append(esc(value)).append("\">"));
        // Off-screen rather than display:none, which some bots recognise; people with screen readers are told.
        out.append("<div aria-hidden=\"true\" style=\"position:absolute;left:-10000px;top:auto;width:1px;height:1px;"
                        + "overflow:hidden\"><label>")
                .append(esc(text("engage.form.honeypot", locale))).append("<input type=\"text\" name=\"")
                .append(Forms.HONEYPOT).append("\" tabindex=\"-1\" autocomplete=\"off\" value=\"\"></label></div>");
        out.append("<button type=\"submit\" class=\"button button-primary\">")
                .append(esc(text("engage.form.submit", locale))).append("</button></form>");
        return out.toString();
    }

    private static void input(StringBuilder out, FormDefinition.Field field, String id, String value) {
        String common = " name=\"" + field.name() + "\" id=\"" + id + "\"" + (field.required() ? " required" : "");
        switch (field.type()) {
            case "textarea" -> out.append("<textarea").append(common).append(" rows=\"5\">").append(esc(value))
                    .append("</textarea>");
            case "select" -> {
                out.append("<select").append(common).append("><option value=\"\"></option>");
                for (String option : field.options()) {
                    out.append("<option").append(option.equals(value) ? " selected" : "").append(">")
                            .append(esc(option)).append("</option>");
                }
                out.append("</select>");
            }
            default -> out.append("<input type=\"").append(field.type().equals("number") ? "text\" inputmode=\"decimal"
                            : field.type()).append("\"").append(common)
                    .append(field.type().equals("email") ? " autocomplete=\"email\"" : "")
                    .append(" value=\"").append(esc(value)).append("\">");
        }
    }

    /** The text of an error code, e.g. {@code invalid_email}. */
    String errorText(String code, Locale locale) {
        return messages.getMessage("engage.form.error." + code, null, code, locale);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static String esc(String text) {
        return MessageTemplate.escape(text);
    }
}
