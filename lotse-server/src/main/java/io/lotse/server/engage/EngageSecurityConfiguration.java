package io.lotse.server.engage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The public pages under {@code /e/} (unsubscribe, preferences, click and open tracking, opt-in confirmation,
 * forms and landing pages) need no sign-in: their links carry signed tokens. No CSRF token either: mailbox
 * providers send the one-click unsubscribe POST themselves (RFC 8058), and forms are embedded on other sites;
 * forms are protected by a honeypot and a rate limit instead.
 */
@Configuration(proxyBeanMethods = false)
class EngageSecurityConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain publicEngagePages(HttpSecurity http) throws Exception {
        return http.securityMatcher(PublicLinks.PREFIX + "**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.disable())
                .headers(h -> h.frameOptions(f -> f.disable()))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .build();
    }
}
