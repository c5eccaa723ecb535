package io.lotse.server.profile;

import io.lotse.engine.identity.IdentityType;
import io.lotse.server.identity.UnmergeResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin API for profiles. */
@RestController
@RequestMapping("/api/v1/profiles")
@Tag(name = "Profiles", description = "Unified customer profiles")
@SecurityRequirement(name = "adminToken")
class ProfileController {

    private static final int MAX_PAGE = 500;

    private final Profiles profiles;

    ProfileController(Profiles profiles) {
        this.profiles = profiles;
    }

    @Operation(summary = "Find the profile holding an identifier",
            description = "Give exactly one of userId, anonymousId, email or phone; 404 when nobody holds it.")
    @GetMapping
    Profile byIdentifier(@RequestParam(required = false) @Nullable String userId,
                         @RequestParam(required = false) @Nullable String anonymousId,
                         @RequestParam(required = false) @Nullable String email,
                         @RequestParam(required = false) @Nullable String phone) {
        List<Optional<Query>> given = List.of(
                Optional.ofNullable(userId).map(v -> new Query(IdentityType.USER_ID, v)),
                Optional.ofNullable(anonymousId).map(v -> new Query(IdentityType.ANONYMOUS_ID, v)),
                Optional.ofNullable(email).map(v -> new Query(IdentityType.EMAIL, v)),
                Optional.ofNullable(phone).map(v -> new Query(IdentityType.PHONE, v)));
        List<Query> queries = given.stream().flatMap(Optional::stream).toList();
        if (queries.size() != 1) {
            throw new BadProfileQueryException("Give exactly one of userId, anonymousId, email or phone.");
        }
        Query query = queries.get(0);
        return profiles.findByIdentifier(query.type(), query.value())
                .orElseThrow(() -> new ProfileNotFoundException("No profile holds " + query.type() + " '"
                        + query.value() + "'."));
    }

    private record Query(IdentityType type, String value) {}

    @Operation(summary = "Search profiles by identifier or name prefix")
    @GetMapping("/search")
    List<ProfileSummary> search(@RequestParam(defaultValue = "") String q,
                                @RequestParam(defaultValue = "20") int limit) {
        return profiles.search(q, clamp(limit));
    }

    @Operation(summary = "A profile by id; the id of a merged profile leads to the profile it was merged into")
    @GetMapping("/{id}")
    Profile byId(@PathVariable long id) {
        return profiles.find(id).orElseThrow(() -> new ProfileNotFoundException("No profile " + id + "."));
    }

    /** A page of events; {@code next} is the cursor for the following page, absent on the last. */
    record TimelinePage(List<TimelineEntry> events, @Nullable Long next) {}

    @Operation(summary = "The profile's events, newest first, paged by the 'before' cursor")
    @GetMapping("/{id}/events")
    TimelinePage events(@PathVariable long id, @RequestParam(required = false) @Nullable Long before,
                        @RequestParam(defaultValue = "50") int limit) {
        Profile profile = byId(id);
        int size = clamp(limit);
        List<TimelineEntry> events = profiles.timeline(profile.id(), before, size + 1);
        Long next = events.size() > size ? events.get(size - 1).seq() : null;
        return new TimelinePage(events.subList(0, Math.min(size, events.size())), next);
    }

    /** Which merge to undo; without it the latest merge into the profile. */
    record UnmergeRequest(@Nullable Long mergeId) {}

    @Operation(summary = "Undo a merge into this profile; both profiles are rebuilt from their events")
    @PostMapping("/{id}/unmerge")
    UnmergeResult unmerge(@PathVariable long id, @RequestBody(required = false) @Nullable UnmergeRequest request) {
        Long mergeId = request == null ? null : request.mergeId();
        return profiles.unmerge(id, mergeId).orElseThrow(() -> new ProfileNotFoundException(mergeId == null
                ? "Profile " + id + " has no merge in effect to undo."
                : "Profile " + id + " has no merge " + mergeId + " in effect."));
    }

    @Operation(summary = "Erase a person: profile, identities and events; later events are dropped "
            + "unless the person consents again")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> erase(@PathVariable long id) {
        if (!profiles.erase(id)) {
            throw new ProfileNotFoundException("No profile " + id + ".");
        }
        return ResponseEntity.noContent().build();
    }

    private static int clamp(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new BadProfileQueryException("limit must be between 1 and " + MAX_PAGE + ".");
        }
        return limit;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(ProfileNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Profile not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badQuery(BadProfileQueryException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid profile query");
        return ResponseEntity.badRequest().body(problem);
    }

    static final class ProfileNotFoundException extends RuntimeException {
        ProfileNotFoundException(String message) {
            super(message, null, false, false);
        }
    }

    static final class BadProfileQueryException extends RuntimeException {
        BadProfileQueryException(String message) {
            super(message, null, false, false);
        }
    }
}
