package io.lotse.server.engage;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Hosted forms ({@code /e/f/KEY}) and landing pages ({@code /e/l/KEY}), reached without signing in. A form posted
 * from a page answers with a page; posted by a script that asks for JSON (an embedded form), with JSON.
 */
@Controller
@RequestMapping("/e")
class PublicFormsController {


    private final Forms forms;
    private final FormHtml formHtml;
    private final LandingPages pages;
    private final MessageSource messages;

    PublicFormsController(Forms forms, FormHtml formHtml, LandingPages pages, MessageSource messages) {
        this.forms = forms;
        this.formHtml = formHtml;
        this.pages = pages;
        this.messages = messages;
    }

    @GetMapping("/f/{key}")
    String form(@PathVariable String key, HttpServletRequest request, HttpServletResponse response, Model model) {
        Forms.Form form = forms.find(key).orElse(null);
        if (form == null) {
            return notFound(response, model);
        }
        return formPage(form, Map.of(), Map.of(), request, model);
    }

    @PostMapping(path = "/f/{key}", consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            MediaType.MULTIPART_FORM_DATA_VALUE})
    Object submit(@PathVariable String key, @RequestParam Map<String, String> values,
                  @RequestHeader(name = "Accept", required = false) @Nullable String accept,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        boolean wantsJson = accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE);
        Forms.Form form = forms.find(key).orElse(null);
        if (form == null) {
            return wantsJson ? ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("status", "not_found"))
                    : notFound(response, model);
        }
        Locale locale = RequestContextUtils.getLocale(request);
        String view = values.get(Forms.LANDING_VIEW);
        String source = null;
        if (view != null) {
            source = pages.pageOfView(view).map(page -> "landing:" + page).orElse(null);
        }
        Forms.Outcome outcome = forms.submit(key, values, ClientAddress.of(request), request.getHeader("User-Agent"),
                locale, source);
        if (outcome instanceof Forms.Limited) {
            if (wantsJson) {
                return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).body(Map.of("status", "limited"));
            }
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return PublicEngageController.page(model, "engage.form.limited.heading", "engage.form.limited.text");
        }
        if (outcome instanceof Forms.Invalid invalid) {
            if (wantsJson) {
                Map<String, String> errors = new LinkedHashMap<>();
                invalid.errors().forEach((field, code) -> errors.put(field, formHtml.errorText(code, locale)));
                return ResponseEntity.badRequest().body(Map.of("status", "invalid", "errors", invalid.errors(),
                        "messages", errors));
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return formPage(form, invalid.submitted(), invalid.errors(), request, model);
        }
        Forms.Accepted accepted = (Forms.Accepted) outcome;
        if (view != null && !accepted.spam()) {
            pages.converted(view);
        }
        String thanks = form.successMessage().isBlank()
                ? messages.getMessage("engage.form.thanks.text", null, locale) : form.successMessage();
        boolean confirmationNeeded = accepted.proofId() != null || accepted.spam() && form.doubleOptIn()
                && Forms.isTicked(values.get(Forms.CONSENT));
        if (wantsJson) {
            return ResponseEntity.ok(Map.of("status", "accepted", "message", thanks,
                    "confirmationSent", confirmationNeeded));
        }
        model.addAttribute("heading", messages.getMessage("engage.form.thanks.heading", null, locale));
        model.addAttribute("text", thanks);
        model.addAttribute("confirm", confirmationNeeded);
        return "engage/form-thanks";
    }

    @GetMapping("/l/{key}")
    String landingPage(@PathVariable String key, @RequestParam(name = "v", required = false) @Nullable String visitor,
                       HttpServletRequest request, HttpServletResponse response, Model model) {
        if (pages.find(key).isEmpty()) {
            return notFound(response, model);
        }
        // No cookie marks anonymous visitors (storing one would need their consent): each anonymous view is a visitor
        // of its own, while people who come by their personal link keep their variant.
        String anonymousView = UUID.randomUUID().toString();
        LandingPages.View view = pages.view(key, visitor, anonymousView, RequestContextUtils.getLocale(request));
        model.addAttribute("title", view.title());
        model.addAttribute("html", view.html());
        model.addAttribute("variant", view.variant());
        return "engage/landing";
    }

    private String formPage(Forms.Form form, Map<String, String> submitted, Map<String, String> errors,
                            HttpServletRequest request, Model model) {
        Locale locale = RequestContextUtils.getLocale(request);
        Map<String, String> hidden = new LinkedHashMap<>();
        String view = submitted.get(Forms.LANDING_VIEW);
        if (view != null) {
            hidden.put(Forms.LANDING_VIEW, view);
        }
        model.addAttribute("title", form.name());
        model.addAttribute("formHtml", formHtml.render(form, PublicLinks.PREFIX + "f/" + form.key(),
                forms.consentText(form, locale).orElse(null), submitted, errors, hidden, locale));
        return "engage/form";
    }

    private static String notFound(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return PublicEngageController.page(model, "engage.public.invalid.heading", "engage.form.missing");
    }
}
