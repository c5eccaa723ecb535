package io.lotse.server.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what.
 * <ul>
 *   <li>{@code /v1/**}: the Segment tracking API, open to browsers (CORS); the write key is checked by the
 *   collector itself because Segment clients send it in two ways.</li>
 *   <li>{@code /api/**}: the admin API, {@code Authorization: Bearer <admin token>}, stateless.</li>
 *   <li>Everything else: the web UI, signed in with the admin token; health, Prometheus metrics and the OpenAPI
 *   description are public.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String ADMIN = "ADMIN";

    @Bean
    @Order(1)
    SecurityFilterChain trackingApi(HttpSecurity http) throws Exception {
        UrlBasedCorsConfigurationSource cors = new UrlBasedCorsConfigurationSource();
        CorsConfiguration browsers = new CorsConfiguration();
        browsers.setAllowedOriginPatterns(List.of("*"));
        browsers.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        browsers.setAllowedHeaders(List.of("*"));
        browsers.setMaxAge(86_400L);
        cors.registerCorsConfiguration("/v1/**", browsers);
        return http.securityMatcher("/v1/**")
                .cors(c -> c.configurationSource(cors))
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.disable())
                .anonymous(a -> {})
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain adminApi(HttpSecurity http, Credentials credentials, JsonMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> writeProblem(json, response,
                HttpStatus.UNAUTHORIZED, "Send the admin token as 'Authorization: Bearer <token>'.");
        return http.securityMatcher("/api/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .addFilterBefore(new BearerTokenFilter(credentials), UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized))
                .authorizeHttpRequests(a -> a.anyRequest().hasRole(ADMIN))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain webUi(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico",
                                "/error", "/actuator/health/**", "/actuator/prometheus", "/v3/api-docs/**",
                                "/swagger-ui/**", "/swagger-ui.html")
                        .permitAll()
                        .anyRequest().hasRole(ADMIN))
                .formLogin(f -> f.loginPage("/login").usernameParameter("username").passwordParameter("token")
                        .defaultSuccessUrl("/", false).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                .build();
    }

    /** Signs in to the UI with the admin token; the user name is only for the audit trail. */
    @Bean
    AuthenticationProvider adminTokenProvider(Credentials credentials) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                Object token = authentication.getCredentials();
                if (!(token instanceof String value) || !credentials.matches(Credentials.Kind.ADMIN_TOKEN, value)) {
                    throw new BadCredentialsException("wrong admin token");
                }
                String name = authentication.getName() == null || authentication.getName().isBlank()
                        ? "admin" : authentication.getName();
                return UsernamePasswordAuthenticationToken.authenticated(name, null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + ADMIN)));
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    static void writeProblem(JsonMapper json, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** Authenticates admin API calls by their bearer token. */
    static final class BearerTokenFilter extends OncePerRequestFilter {

        private final Credentials credentials;

        BearerTokenFilter(Credentials credentials) {
            this.credentials = credentials;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                    && credentials.matches(Credentials.Kind.ADMIN_TOKEN, header.substring(7).trim())) {
                var authentication = UsernamePasswordAuthenticationToken.authenticated("admin-api", null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + ADMIN)));
                SecurityContextHolder.getContext().setAuthentication(authentication);
            }
            chain.doFilter(request, response);
        }
    }
}
