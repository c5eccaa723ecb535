package io.lotse.server.recommend;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The recommendations API: serving, training on demand, placement rules and product flags. */
@RestController
@RequestMapping("/api/v1/recommendations")
@Tag(name = "Recommendations", description = "Personal product recommendations with reasons")
@SecurityRequirement(name = "adminToken")
class RecommendationController {

    private final Recommendations recommendations;
    private final RecommendationModels models;
    private final PlacementStore placements;

    RecommendationController(Recommendations recommendations, RecommendationModels models,
                             PlacementStore placements) {
        this.recommendations = recommendations;
        this.models = models;
        this.placements = placements;
    }

    @Operation(summary = "Recommend products for a person and a placement",
            description = "Give exactly one of userId, anonymousId or profileId. The product placement needs "
                    + "productId (the product in view); the cart placement takes the cart's products as repeated "
                    + "productId. Reasons are in the request's language (Accept-Language: de or en). Without "
                    + "consent to personalisation the answer is the non-personal fallback (personalised: false).")
    @GetMapping
    RecommendationList recommend(@RequestParam(required = false) @Nullable String userId,
                                 @RequestParam(required = false) @Nullable String anonymousId,
                                 @RequestParam(required = false) @Nullable Long profileId,
                                 @Parameter(description = "home, product, cart or email")
                                 @RequestParam(defaultValue = "home") String placement,
                                 @RequestParam(name = "productId", required = false) @Nullable List<String> productIds,
                                 @RequestParam(defaultValue = "10") int limit, Locale locale) {
        RecommendationRequest request;
        try {
            request = new RecommendationRequest(userId, anonymousId, profileId, placementNamed(placement),
                    productIds == null ? List.of() : productIds, limit);
        } catch (IllegalArgumentException e) {
            throw new BadRecommendationRequestException(e.getMessage());
        }
        return recommendations.recommend(request, locale);
    }

    @Operation(summary = "Train a new model from the event log now and swap it in",
            description = "Waits for a training already running. Requests are answered by the previous model "
                    + "until the new one is swapped in; none fails.")
    @PostMapping("/models")
    ResponseEntity<ModelSummary> train() {
        return ResponseEntity.status(HttpStatus.CREATED).body(ModelSummary.of(models.train()));
    }

    @Operation(summary = "The serving model with the provenance of each of its parts")
    @GetMapping("/models")
    ModelSummary model() {
        return ModelSummary.of(models.current());
    }

    @Operation(summary = "The rules of every placement")
    @GetMapping("/placements")
    Map<String, PlacementSettings> placements() {
        Map<String, PlacementSettings> all = new LinkedHashMap<>();
        placements.all().forEach((placement, settings) -> all.put(placement.wireName(), settings));
        return all;
    }

    @Operation(summary = "The rules of one placement")
    @GetMapping("/placements/{placement}")
    PlacementSettings placement(@PathVariable("placement") String name) {
        return placements.get(placementNamed(name));
    }

    @Operation(summary = "Replace the rules of a placement",
            description = "Takes effect with the next request. 400 lists every problem; nothing is stored then.")
    @PutMapping("/placements/{placement}")
    PlacementSettings updatePlacement(@PathVariable("placement") String name,
                                      @RequestBody PlacementSettings settings) {
        return placements.put(placementNamed(name), settings);
    }

    @Operation(summary = "Reset a placement to its default rules")
    @DeleteMapping("/placements/{placement}")
    PlacementSettings resetPlacement(@PathVariable("placement") String name) {
        return placements.reset(placementNamed(name));
    }

    /** Whether a product may be recommended. */
    record ProductFlags(@Nullable Boolean active, @Nullable Boolean inStock) {}

    @Operation(summary = "Products marked inactive or out of stock")
    @GetMapping("/products")
    Map<String, ProductFlags> flaggedProducts() {
        Map<String, ProductFlags> flagged = new LinkedHashMap<>();
        models.flags().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                flagged.put(entry.getKey(), new ProductFlags(entry.getValue().active(), entry.getValue().inStock())));
        return flagged;
    }

    @Operation(summary = "Mark a product active or inactive, in or out of stock",
            description = "Takes effect at once, without training. Both flags default to true.")
    @PutMapping("/products/{productId}")
    ProductFlags flagProduct(@PathVariable String productId, @RequestBody ProductFlags flags) {
        if (productId.isBlank() || productId.length() > 200) {
            throw new BadRecommendationRequestException("A product id has 1 to 200 characters.");
        }
        ProductCatalogue.Flags stored = new ProductCatalogue.Flags(flags.active() == null || flags.active(),
                flags.inStock() == null || flags.inStock());
        models.flag(productId.trim(), stored);
        return new ProductFlags(stored.active(), stored.inStock());
    }

    private static Placement placementNamed(String name) {
        return Placement.fromWire(name).orElseThrow(() -> new BadRecommendationRequestException(
                "Unknown placement '" + name + "'; use one of " + Placement.names() + "."));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badRequest(BadRecommendationRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid recommendations request");
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidSettings(InvalidPlacementSettingsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid placement rules");
        problem.setProperty("problems", e.problems());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownProfile(Recommendations.UnknownProfileException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Profile not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    static final class BadRecommendationRequestException extends RuntimeException {
        BadRecommendationRequestException(String message) {
            super(message, null, false, false);
        }
    }
}
