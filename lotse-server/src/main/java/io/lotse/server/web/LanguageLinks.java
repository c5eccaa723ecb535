package io.lotse.server.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links of the language switch: the current page, with its query, in the other language.
 *
 * @param german the current page in German
 * @param english the current page in English
 */
record LanguageLinks(String german, String english) {

    static LanguageLinks of(HttpServletRequest request) {
        return new LanguageLinks(link(request, "de"), link(request, "en"));
    }

    private static String link(HttpServletRequest request, String language) {
        return UriComponentsBuilder.fromPath(request.getRequestURI())
                .query(request.getQueryString())
                .replaceQueryParam(WebConfiguration.LANGUAGE_PARAMETER, language)
                .build()
                .toUriString();
    }

    /** Offers the links to every page of the UI. */
    @ControllerAdvice(basePackageClasses = LanguageLinks.class)
    static class Advice {

        @ModelAttribute("languageLinks")
        LanguageLinks languageLinks(HttpServletRequest request) {
            return of(request);
        }
    }
}
