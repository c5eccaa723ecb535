package io.lotse.server.collect;

import io.lotse.server.platform.Credentials;
import io.lotse.server.privacy.Suppressions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Segment tracking API, so that official Segment libraries work against Lotse pointed only at its host.
 *
 * <p>The write key comes as HTTP Basic user name (empty password) or as {@code writeKey} in the body. A 200
 * answer means every accepted event is committed to the log. Every path is also served with a trailing slash,
 * as Segment's API does: the official Java library posts to {@code /v1/import/}.
 */
@RestController
@Tag(name = "Tracking", description = "The Segment tracking API")
class SegmentController {

    private final TrackingRequestReader reader;
    private final EventLog log;
    private final Credentials credentials;
    private final Suppressions suppressions;
    private final EventIdentifiers identifiers;
    private final Counter rejectedEvents;
    private final Counter suppressedEvents;

    SegmentController(TrackingRequestReader reader, EventLog log, Credentials credentials,
                      Suppressions suppressions, EventIdentifiers identifiers, MeterRegistry meters) {
        this.reader = reader;
        this.log = log;
        this.credentials = credentials;
        this.suppressions = suppressions;
        this.identifiers = identifiers;
        this.rejectedEvents = Counter.builder("lotse.events.rejected")
                .description("Events rejected as invalid").register(meters);
        this.suppressedEvents = Counter.builder("lotse.events.suppressed")
                .description("Events dropped because the person was erased").register(meters);
    }

    /** The answer to a tracking call. */
    record TrackingResponse(boolean success, int accepted, List<Rejection> rejected) {}

    @Operation(summary = "Send a batch of events (Segment batch API)")
    @PostMapping(path = {"/v1/batch", "/v1/batch/", "/v1/b", "/v1/b/", "/v1/import", "/v1/import/"})
    ResponseEntity<TrackingResponse> batch(HttpServletRequest request) throws IOException {
        return handle(request, null);
    }

    @Operation(summary = "Identify a person and record their traits")
    @PostMapping(path = {"/v1/identify", "/v1/identify/", "/v1/i", "/v1/i/"})
    ResponseEntity<TrackingResponse> identify(HttpServletRequest request) throws IOException {
        return handle(request, EventType.IDENTIFY);
    }

    @Operation(summary = "Record an action")
    @PostMapping(path = {"/v1/track", "/v1/track/", "/v1/t", "/v1/t/"})
    ResponseEntity<TrackingResponse> track(HttpServletRequest request) throws IOException {
        return handle(request, EventType.TRACK);
    }

    @Operation(summary = "Record a page view")
    @PostMapping(path = {"/v1/page", "/v1/page/", "/v1/p", "/v1/p/"})
    ResponseEntity<TrackingResponse> page(HttpServletRequest request) throws IOException {
        return handle(request, EventType.PAGE);
    }

    @Operation(summary = "Record a screen view")
    @PostMapping(path = {"/v1/screen", "/v1/screen/", "/v1/s", "/v1/s/"})
    ResponseEntity<TrackingResponse> screen(HttpServletRequest request) throws IOException {
        return handle(request, EventType.SCREEN);
    }

    @Operation(summary = "Associate a person with a group")
    @PostMapping(path = {"/v1/group", "/v1/group/", "/v1/g", "/v1/g/"})
    ResponseEntity<TrackingResponse> group(HttpServletRequest request) throws IOException {
        return handle(request, EventType.GROUP);
    }

    @Operation(summary = "Link a previous id to a user id")
    @PostMapping(path = {"/v1/alias", "/v1/alias/", "/v1/a", "/v1/a/"})
    ResponseEntity<TrackingResponse> alias(HttpServletRequest request) throws IOException {
        return handle(request, EventType.ALIAS);
    }

    /** The settings the Segment browser library fetches on start: send everything to this host. */
    @Operation(summary = "Settings for the Segment browser library")
    @GetMapping("/v1/projects/{writeKey}/settings")
    ResponseEntity<Map<String, Object>> settings(@PathVariable String writeKey, HttpServletRequest request) {
        if (!credentials.matches(Credentials.Kind.WRITE_KEY, writeKey)) {
            throw new UnknownWriteKeyException();
        }
        String host = request.getHeader(HttpHeaders.HOST);
        String apiHost = (host == null ? request.getServerName() + ":" + request.getServerPort() : host) + "/v1";
        Map<String, Object> segmentIo = Map.of(
                "apiKey", writeKey,
                "apiHost", apiHost,
                "protocol", request.isSecure() ? "https" : "http",
                "unbundledIntegrations", List.of(),
                "addBundledMetadata", true);
        return ResponseEntity.ok(Map.of(
                "integrations", Map.of("Segment.io", segmentIo),
                "plan", Map.of("track", Map.of("__default", Map.of("enabled", true, "integrations", Map.of())),
                        "identify", Map.of("__default", Map.of("enabled", true)),
                        "group", Map.of("__default", Map.of("enabled", true))),
                "edgeFunction", Map.of(),
                "analyticsNextEnabled", true,
                "middlewareSettings", Map.of(),
                "enabledMiddleware", Map.of(),
                "metrics", Map.of("sampleRate", 0),
                "legacyVideoPluginsEnabled", false,
                "remotePlugins", List.of()));
    }

    private ResponseEntity<TrackingResponse> handle(HttpServletRequest request, @Nullable EventType type)
            throws IOException {
        String headerKey = basicUser(request.getHeader(HttpHeaders.AUTHORIZATION));
        boolean headerValid = headerKey != null && credentials.matches(Credentials.Kind.WRITE_KEY, headerKey);
        if (headerKey != null && !headerValid) {
            throw new UnknownWriteKeyException();
        }
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        boolean gzip = encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("gzip");
        TrackingRequest parsed;
        try {
            parsed = reader.read(request.getInputStream(), gzip, type);
        } catch (InvalidTrackingRequestException e) {
            rejectedEvents.increment(Math.max(1, e.rejected().size()));
            throw e;
        }
        if (!headerValid && !credentials.matches(Credentials.Kind.WRITE_KEY, parsed.writeKey())) {
            throw new UnknownWriteKeyException();
        }
        rejectedEvents.increment(parsed.rejected().size());
        log.appendStored(withoutSuppressed(parsed.stored()));
        return ResponseEntity.ok(new TrackingResponse(true, parsed.stored().size(), parsed.rejected()));
    }

    /** Drops events of erased people, unless the event brings a new consent, which lifts the suppression. */
    private List<StoredEvent> withoutSuppressed(List<StoredEvent> events) {
        if (suppressions.isEmpty()) {
            return events;
        }
        List<StoredEvent> kept = new ArrayList<>(events.size());
        for (StoredEvent stored : events) {
            CollectedEvent event = stored.event();
            var ids = identifiers.of(event.payload());
            if (!suppressions.suppresses(ids)) {
                kept.add(stored);
            } else if (ConsentSignals.grantsAny(event.payload())) {
                suppressions.lift(ids);
                kept.add(stored);
            } else {
                suppressedEvents.increment();
            }
        }
        return kept;
    }

    private static @Nullable String basicUser(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(InvalidTrackingRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid tracking request");
        problem.setType(URI.create("https://lotse.io/problems/invalid-tracking-request"));
        if (!e.rejected().isEmpty()) {
            problem.setProperty("rejected", e.rejected());
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownKey(UnknownWriteKeyException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "Unknown write key: send it as HTTP Basic user name or as 'writeKey' in the body.");
        problem.setTitle("Unknown write key");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unavailable(EventLogUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The events could not be stored; none of them was acknowledged. Retry with the same messageIds.");
        problem.setTitle("Event log unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem);
    }

    /** The write key is missing or unknown. */
    static final class UnknownWriteKeyException extends RuntimeException {
        UnknownWriteKeyException() {
            super("unknown write key", null, false, false);
        }
    }
}
