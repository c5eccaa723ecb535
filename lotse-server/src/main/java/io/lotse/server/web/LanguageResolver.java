package io.lotse.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * Remembers the chosen UI language in a cookie; without a choice the browser's preferred languages decide.
 * Only locales of the languages the UI is translated into are ever resolved, so that texts, dates and numbers
 * always agree.
 */
final class LanguageResolver extends CookieLocaleResolver {

    private static final String COOKIE = "lotse-lang";

    LanguageResolver() {
        super(COOKIE);
        setCookieMaxAge(Duration.ofDays(365));
        setCookieHttpOnly(true);
        setCookieSameSite("Lax");
        setDefaultLocaleFunction(LanguageResolver::preferredByBrowser);
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return supported(super.resolveLocale(request));
    }

    @Override
    public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response,
                          @Nullable Locale locale) {
        super.setLocale(request, response, locale == null ? null : supported(locale));
    }

    private static Locale preferredByBrowser(HttpServletRequest request) {
        if (request.getHeader("Accept-Language") == null) {
            return Locale.ENGLISH;
        }
        for (Locale locale : Collections.list(request.getLocales())) {
            if (isTranslated(locale)) {
                return locale;
            }
        }
        return Locale.ENGLISH;
    }

    private static boolean isTranslated(Locale locale) {
        return locale.getLanguage().equals(Locale.GERMAN.getLanguage())
                || locale.getLanguage().equals(Locale.ENGLISH.getLanguage());
    }

    /**
     * The locale itself when the UI speaks its language, keeping the region for dates and numbers
     * ({@code en-GB}, {@code de-CH}); English otherwise.
     */
    static Locale supported(Locale locale) {
        return isTranslated(locale) ? locale : Locale.ENGLISH;
    }
}
