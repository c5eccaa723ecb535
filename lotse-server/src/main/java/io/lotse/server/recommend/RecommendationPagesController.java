package io.lotse.server.recommend;

import io.lotse.engine.identity.IdentityType;
import io.lotse.engine.recommend.Signal;
import io.lotse.server.profile.Profile;
import io.lotse.server.profile.Profiles;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The placements page of the UI (preview what a person or an anonymous visitor would see in every placement,
 * edit each placement's rules, train a model) and the recommendations card of the profile page, loaded by htmx.
 */
@Controller
class RecommendationPagesController {

    private static final int PREVIEW_LIMIT = 8;
    private static final int MAX_INPUT = 200;
    private static final String HTMX_REQUEST = "HX-Request";

    private final Recommendations recommendations;
    private final RecommendationModels models;
    private final PlacementStore placements;
    private final Profiles profiles;

    RecommendationPagesController(Recommendations recommendations, RecommendationModels models,
                                  PlacementStore placements, Profiles profiles) {
        this.recommendations = recommendations;
        this.models = models;
        this.placements = placements;
        this.profiles = profiles;
    }

    /** How the person to preview is given. */
    enum Lookup { EMAIL, USER_ID, PROFILE_ID, ANONYMOUS_ID }

    /**
     * One placement as a person would see it.
     *
     * @param placement the placement's wire name
     * @param list      the recommendations, null when the placement could not be shown
     * @param note      message key explaining why not, or null
     */
    record Preview(String placement, @Nullable RecommendationList list, @Nullable String note) {}

    @GetMapping("/placements")
    String page(@RequestParam(defaultValue = "") String who, @RequestParam(defaultValue = "email") String by,
                @RequestParam(defaultValue = "") String productId,
                @RequestHeader(name = HTMX_REQUEST, required = false) @Nullable String htmx,
                Model model, Locale locale, HttpServletResponse response) {
        String person = clip(who);
        String product = clip(productId);
        Lookup lookup = lookup(by);
        model.addAttribute("who", person);
        model.addAttribute("by", lookup.name());
        model.addAttribute("productId", product);
        model.addAttribute("lookups", Lookup.values());
        if (!person.isEmpty()) {
            preview(person, lookup, product, locale, model, response);
        }
        if ("true".equals(htmx)) {
            return "placements :: preview";
        }
        addRules(model, null, null, List.of());
        return "placements";
    }

    private void preview(String who, Lookup lookup, String productId, Locale locale, Model model,
                         HttpServletResponse response) {
        Optional<Long> profileId = Optional.empty();
        String anonymousId = null;
        switch (lookup) {
            case EMAIL -> profileId = profiles.findByIdentifier(IdentityType.EMAIL, who).map(Profile::id);
            case USER_ID -> profileId = profiles.findByIdentifier(IdentityType.USER_ID, who).map(Profile::id);
            case PROFILE_ID -> profileId = parseLong(who).flatMap(profiles::find).map(Profile::id);
            case ANONYMOUS_ID -> anonymousId = who;
        }
        if (anonymousId == null && profileId.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("notFound", who);
            return;
        }
        profileId.ifPresent(id -> model.addAttribute("profileId", id));
        List<String> products = productId.isEmpty() ? List.of() : List.of(productId);
        List<Preview> previews = new ArrayList<>();
        for (Placement placement : Placement.values()) {
            if (placement == Placement.PRODUCT && products.isEmpty()) {
                previews.add(new Preview(placement.wireName(), null, "recommend.preview.needsProduct"));
                continue;
            }
            // The product in view belongs to the product page and the cart, not to the home page or an email.
            boolean inView = placement == Placement.PRODUCT || placement == Placement.CART;
            RecommendationRequest request = new RecommendationRequest(null, anonymousId, profileId.orElse(null),
                    placement, inView ? products : List.of(), PREVIEW_LIMIT);
            previews.add(new Preview(placement.wireName(), recommendations.recommend(request, locale), null));
        }
        model.addAttribute("previews", previews);
    }

    @PostMapping("/placements/{placement}")
    String save(@PathVariable("placement") String name, @RequestParam Map<String, String> fields, Model model,
                HttpServletResponse response) {
        Optional<Placement> placement = Placement.fromWire(name);
        if (placement.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "error/404";
        }
        PlacementForm.Parsed parsed = PlacementForm.parse(placement.get(), fields);
        if (!parsed.problems().isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("who", "");
            model.addAttribute("by", Lookup.EMAIL.name());
            model.addAttribute("productId", "");
            model.addAttribute("lookups", Lookup.values());
            PlacementForm typed = PlacementForm.of(placement.get(), parsed.settings());
            addRules(model, placement.get(), withTypedText(typed, fields), parsed.problems());
            return "placements";
        }
        placements.put(placement.get(), parsed.settings());
        return "redirect:/placements?saved=" + placement.get().wireName() + "#rules-" + placement.get().wireName();
    }

    @PostMapping("/placements/{placement}/reset")
    String reset(@PathVariable("placement") String name, HttpServletResponse response) {
        Optional<Placement> placement = Placement.fromWire(name);
        if (placement.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "error/404";
        }
        placements.reset(placement.get());
        return "redirect:/placements?saved=" + placement.get().wireName() + "#rules-" + placement.get().wireName();
    }

    @PostMapping("/placements/model")
    String train() {
        models.train();
        return "redirect:/placements?trained=true#model";
    }

    /** The recommendations card of the profile page. */
    @GetMapping("/recommendations/profiles/{id}")
    String profileCard(@PathVariable long id, Model model, Locale locale) {
        Optional<Profile> profile = profiles.find(id);
        if (profile.isEmpty()) {
            model.addAttribute("list", null);
            return "recommendations :: profile-card";
        }
        model.addAttribute("profileId", profile.get().id());
        model.addAttribute("list", recommendations.recommend(new RecommendationRequest(null, null,
                profile.get().id(), Placement.HOME, List.of(), PREVIEW_LIMIT), locale));
        return "recommendations :: profile-card";
    }

    private void addRules(Model model, @Nullable Placement edited, @Nullable PlacementForm typed,
                          List<String> problems) {
        List<PlacementForm> forms = new ArrayList<>();
        for (Placement placement : Placement.values()) {
            forms.add(placement == edited && typed != null ? typed
                    : PlacementForm.of(placement, placements.get(placement)));
        }
        model.addAttribute("forms", forms);
        model.addAttribute("signals", Arrays.stream(Signal.values()).map(Signal::wireName).toList());
        model.addAttribute("edited", edited == null ? null : edited.wireName());
        model.addAttribute("problems", problems);
        model.addAttribute("model", ModelSummary.of(models.current()));
    }

    /** The form as typed, so that a rejected edit can be corrected rather than typed again. */
    private static PlacementForm withTypedText(PlacementForm parsed, Map<String, String> fields) {
        Map<String, String> weights = new LinkedHashMap<>();
        for (Signal signal : Signal.values()) {
            weights.put(signal.wireName(), fields.getOrDefault("weight." + signal.wireName(), "0"));
        }
        return new PlacementForm(parsed.placement(), weights, parsed.normalisation(), parsed.excludeInactive(),
                parsed.excludeOutOfStock(), parsed.alreadyBought(), fields.getOrDefault("exceptions", ""),
                fields.getOrDefault("maxPerCategory", "0"), fields.getOrDefault("adjustments", ""));
    }

    private static Lookup lookup(String by) {
        for (Lookup lookup : Lookup.values()) {
            if (lookup.name().equalsIgnoreCase(by.trim())) {
                return lookup;
            }
        }
        return Lookup.EMAIL;
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String clip(String text) {
        String trimmed = text.strip();
        return trimmed.length() > MAX_INPUT ? trimmed.substring(0, MAX_INPUT) : trimmed;
    }
}
