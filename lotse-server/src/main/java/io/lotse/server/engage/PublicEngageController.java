package io.lotse.server.engage;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages and endpoints people reach from messages, without signing in: one-click unsubscribe, the preference
 * centre, tracked clicks, the open pixel and the opt-in confirmation.
 */
@Controller
@RequestMapping("/e")
class PublicEngageController {

    private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final Subscriptions subscriptions;
    private final Tracking tracking;
    private final DoubleOptIn doubleOptIn;

    PublicEngageController(Subscriptions subscriptions, Tracking tracking, DoubleOptIn doubleOptIn) {
        this.subscriptions = subscriptions;
        this.tracking = tracking;
        this.doubleOptIn = doubleOptIn;
    }

    /**
     * RFC 8058 one-click unsubscribe, posted by the mailbox provider with {@code List-Unsubscribe=One-Click}, and the
     * button of the unsubscribe page. Idempotent; answers 200 without a redirect.
     */
    @PostMapping("/u/{token}")
    String unsubscribe(@PathVariable String token, HttpServletResponse response, Model model) {
        if (!subscriptions.unsubscribe(token, "one-click")) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return page(model, "engage.public.invalid.heading", "engage.public.invalid.text");
        }
        return page(model, "engage.public.unsubscribed.heading", "engage.public.unsubscribed.text");
    }

    /** The unsubscribe link opened in a browser: a page with a button, since link scanners also open links. */
    @GetMapping("/u/{token}")
    String unsubscribePage(@PathVariable String token, HttpServletResponse response, Model model) {
        Optional<Delivery> delivery = subscriptions.unsubscribeTarget(token);
        if (delivery.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return page(model, "engage.public.invalid.heading", "engage.public.invalid.text");
        }
        model.addAttribute("email", Subscriptions.mask(delivery.get().email()));
        model.addAttribute("token", token);
        model.addAttribute("preferences", "/e/p/" + tracking.preferencesToken(delivery.get().id()));
        return "engage/unsubscribe";
    }

    @GetMapping("/p/{token}")
    String preferences(@PathVariable String token, HttpServletResponse response, Model model) {
        Optional<Subscriptions.Preferences> preferences = subscriptions.preferences(token);
        if (preferences.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return page(model, "engage.public.invalid.heading", "engage.public.invalid.text");
        }
        model.addAttribute("preferences", preferences.get());
        model.addAttribute("token", token);
        return "engage/preferences";
    }

    @PostMapping("/p/{token}")
    String savePreferences(@PathVariable String token, @RequestParam(name = "topic", required = false) @Nullable List<String> topics,
                           @RequestParam(defaultValue = "false") boolean unsubscribeAll,
                           @RequestParam(defaultValue = "false") boolean objection,
                           HttpServletResponse response, Model model) {
        if (!subscriptions.savePreferences(token, new HashSet<>(topics == null ? List.of() : topics), unsubscribeAll,
                objection)) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return page(model, "engage.public.invalid.heading", "engage.public.invalid.text");
        }
        return objection || unsubscribeAll
                ? page(model, "engage.public.unsubscribed.heading", "engage.public.unsubscribed.text")
                : page(model, "engage.public.saved.heading", "engage.public.saved.text");
    }

    /** A tracked link: records the click and redirects; a target whose signature does not match is refused. */
    @GetMapping("/c/{token}")
    ResponseEntity<Void> click(@PathVariable String token, @RequestParam("u") String url, @RequestParam("s") String signature) {
        Optional<String> target = tracking.click(token, url, signature);
        return target.<ResponseEntity<Void>>map(u -> ResponseEntity.status(HttpStatus.FOUND).location(URI.create(u))
                        .cacheControl(CacheControl.noStore()).build())
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/o/{token}")
    ResponseEntity<byte[]> open(@PathVariable String token) {
        tracking.open(token);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).cacheControl(CacheControl.noStore()).body(PIXEL);
    }

    /** The confirmation link of a double opt-in: a page with a button, since link scanners also open links. */
    @GetMapping("/confirm/{token}")
    String confirmPage(@PathVariable String token, HttpServletResponse response, Model model) {
        Optional<DoubleOptIn.Proof> proof = doubleOptIn.byToken(token);
        if (proof.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return page(model, "engage.public.invalid.heading", "engage.public.invalid.text");
        }
        if (proof.get().confirmedAt() != null) {
            return page(model, "engage.public.confirmed.heading", "engage.public.confirmed.text");
        }
        model.addAttribute("email", Subscriptions.mask(proof.get().email()));
        model.addAttribute("consentText", proof.get().consentText().text());
        model.addAttribute("token", token);
        return "engage/confirm";
    }

    @PostMapping("/confirm/{token}")
    String confirm(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<DoubleOptIn.Proof> proof = doubleOptIn.confirm(token, ClientAddress.of(request),
                request.getHeader("User-Agent"));
        if (proof.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return page(model, "engage.public.invalid.heading", "engage.public.invalid.text");
        }
        return page(model, "engage.public.confirmed.heading", "engage.public.confirmed.text");
    }

    /** Shows the public message page with a heading and a text, both message keys. */
    static String page(Model model, String heading, String text) {
        Map<String, String> message = new LinkedHashMap<>();
        message.put("heading", heading);
        message.put("text", text);
        model.addAttribute("message", message);
        return "engage/message";
    }
}
