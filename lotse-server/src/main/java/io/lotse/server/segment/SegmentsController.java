package io.lotse.server.segment;

import io.lotse.engine.segment.RuleError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
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
import tools.jackson.databind.JsonNode;

/** The admin API for segments. */
@RestController
@RequestMapping("/api/v1/segments")
@Tag(name = "Segments", description = "Rules over profiles with members kept current")
@SecurityRequirement(name = "adminToken")
class SegmentsController {

    private static final int MAX_PAGE = 1_000;
    private static final int MAX_HISTORY_DAYS = 3_650;

    private final Segments segments;

    SegmentsController(Segments segments) {
        this.segments = segments;
    }

    /** @param segments the segments, by name */
    record SegmentList(List<Segment> segments) {}

    @Operation(summary = "Active segments with their sizes; archived ones with archived=true")
    @GetMapping
    SegmentList list(@RequestParam(defaultValue = "false") boolean archived) {
        return new SegmentList(segments.list(archived));
    }

    @Operation(summary = "Create a segment; its members are evaluated before the answer",
            description = "400 with every problem of the rule under 'errors' (path, code, message); 409 when the key"
                    + " is taken.")
    @PostMapping
    ResponseEntity<Segment> create(@RequestBody SegmentDraft draft, @Nullable Principal principal) {
        Segment segment = segments.create(draft, principal == null ? null : principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/segments/" + segment.key())).body(segment);
    }

    @Operation(summary = "A segment with its latest rule and size")
    @GetMapping("/{key}")
    Segment get(@PathVariable String key) {
        return segments.find(key).orElseThrow(() -> new Segments.NotFound("There is no segment '" + key + "'."));
    }

    @Operation(summary = "Change a segment; a changed rule becomes a new version and is evaluated before the answer",
            description = "Absent fields keep their values; the key cannot change.")
    @PutMapping("/{key}")
    Segment update(@PathVariable String key, @RequestBody SegmentDraft draft, @Nullable Principal principal) {
        return segments.update(key, draft, principal == null ? null : principal.getName());
    }

    @Operation(summary = "Archive a segment: it keeps its history, loses its members and is no longer evaluated")
    @DeleteMapping("/{key}")
    ResponseEntity<Void> archive(@PathVariable String key) {
        segments.archive(key);
        return ResponseEntity.noContent().build();
    }

    /**
     * @param rule the rule to try
     * @param key  the segment being edited, if any (a rule may not refer to its own segment)
     */
    record PreviewRequest(@Nullable JsonNode rule, @Nullable String key) {}

    @Operation(summary = "Size and a sample of the members a rule selects now; nothing is stored",
            description = "Cancelled with 503 after lotse.segments.preview-timeout (10 s).")
    @PostMapping("/preview")
    SegmentPreview preview(@RequestBody PreviewRequest request) {
        return segments.preview(request.rule(), request.key());
    }

    @Operation(summary = "Evaluate a segment against all profiles now")
    @PostMapping("/{key}/evaluate")
    SegmentEvaluation evaluate(@PathVariable String key) {
        return segments.evaluate(key);
    }

    /**
     * @param members the page of members
     * @param next    the {@code after} value of the next page; absent on the last
     */
    record MemberPage(List<SegmentMember> members, @Nullable Long next) {}

    @Operation(summary = "Members in profile id order, paged with the 'after' cursor")
    @GetMapping("/{key}/members")
    MemberPage members(@PathVariable String key, @RequestParam(defaultValue = "0") long after,
                       @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new BadRequest("limit must be between 1 and " + MAX_PAGE + ".");
        }
        List<SegmentMember> page = segments.members(key, after, limit + 1);
        Long next = page.size() > limit ? page.get(limit - 1).profileId() : null;
        return new MemberPage(page.subList(0, Math.min(limit, page.size())), next);
    }

    @Operation(summary = "Every member as CSV: profile_id, user_id, email, entered_at")
    @GetMapping(value = "/{key}/members.csv", produces = "text/csv")
    void export(@PathVariable String key, HttpServletResponse response) throws IOException {
        segments.find(key).orElseThrow(() -> new Segments.NotFound("There is no segment '" + key + "'."));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"segment-" + key + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        segments.exportMembers(key, out);
        out.flush();
    }

    @Operation(summary = "Every version of the rule, and the size over the last days (default 30)")
    @GetMapping("/{key}/history")
    SegmentHistory history(@PathVariable String key, @RequestParam(defaultValue = "30") int days) {
        if (days < 1 || days > MAX_HISTORY_DAYS) {
            throw new BadRequest("days must be between 1 and " + MAX_HISTORY_DAYS + ".");
        }
        return segments.history(key, Duration.ofDays(days));
    }

    /**
     * One problem in a request.
     *
     * @param path    JSON pointer into the request body, e.g. {@code /rule/all/0/op}
     * @param code    stable code, e.g. {@code unknown_operator}
     * @param message English explanation
     */
    record Problem(String path, String code, String message) {

        static Problem of(RuleError error) {
            return new Problem(error.path(), error.code(), error.message());
        }
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejected(Segments.Rejected e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid segment", e.getMessage());
        problem.setProperty("errors", e.errors().stream().map(Problem::of).toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badRequest(BadRequest e) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(Segments.NotFound e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(problem(HttpStatus.NOT_FOUND, "Segment not found", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> conflict(Segments.Conflict e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(problem(HttpStatus.CONFLICT, "Segment conflict", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooSlow(Segments.TooSlow e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Preview cancelled", e.getMessage()));
    }

    private static ProblemDetail problem(HttpStatus status, String title, @Nullable String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
