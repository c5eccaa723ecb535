package io.lotse.server.importer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

/** The admin API for imports of CSV and Excel files. */
@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Imports", description = "Contacts and orders from CSV and Excel files")
@SecurityRequirement(name = "adminToken")
class ImportController {

    static final String SUMMARY_HEADER = "X-Lotse-Import-Summary";
    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final Importer importer;
    private final ImportStore store;

    ImportController(Importer importer, ImportStore store) {
        this.importer = importer;
        this.store = store;
    }

    @Operation(summary = "Import a file uploaded as multipart form field 'file'",
            description = "kind=contacts|orders; dryRun=true shows the mapping and the first rows and writes "
                    + "nothing; map=column=field (repeatable) overrides the mapping. Answers with the report, as "
                    + "JSON; with Accept: text/csv the rejected rows and warnings as CSV; with Accept: text/plain "
                    + "as text for people.")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<?> upload(@RequestParam String kind,
                             @RequestParam(defaultValue = "false") boolean dryRun,
                             @RequestParam(required = false) @Nullable List<String> map,
                             @RequestParam(required = false) @Nullable String currency,
                             @RequestParam(required = false) @Nullable String timezone,
                             @RequestParam(required = false) @Nullable String filename,
                             @RequestPart("file") MultipartFile file,
                             @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        String name = filename != null && !filename.isBlank() ? filename : file.getOriginalFilename();
        Importer.Request request = request(kind, name, dryRun, map, currency, timezone);
        try (InputStream in = file.getInputStream()) {
            return answer(importer.run(request, in), accept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Operation(summary = "Import a file sent as the raw request body",
            description = "The format comes from ?filename=... or the Content-Disposition header's filename: "
                    + ".csv, .csv.gz or .xlsx. Otherwise as the multipart upload.")
    @PostMapping
    ResponseEntity<?> raw(@RequestParam String kind,
                          @RequestParam(defaultValue = "false") boolean dryRun,
                          @RequestParam(required = false) @Nullable List<String> map,
                          @RequestParam(required = false) @Nullable String currency,
                          @RequestParam(required = false) @Nullable String timezone,
                          @RequestParam(required = false) @Nullable String filename,
                          @RequestHeader(name = HttpHeaders.CONTENT_DISPOSITION, required = false)
                          @Nullable String disposition,
                          @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
                          HttpServletRequest servletRequest) throws IOException {
        String name = filename;
        if ((name == null || name.isBlank()) && disposition != null) {
            try {
                name = ContentDisposition.parse(disposition).getFilename();
            } catch (IllegalArgumentException e) {
                throw new ImportException("The Content-Disposition header cannot be read: " + disposition);
            }
        }
        Importer.Request request = request(kind, name, dryRun, map, currency, timezone);
        return answer(importer.run(request, servletRequest.getInputStream()), accept);
    }

    private static Importer.Request request(String kind, @Nullable String fileName, boolean dryRun,
                                            @Nullable List<String> map, @Nullable String currency,
                                            @Nullable String timezone) {
        ImportKind importKind = ImportKind.parse(kind);
        TableReader.formatOf(fileName);
        return new Importer.Request(importKind, baseName(fileName), dryRun, ImportOptions.overrides(map),
                ImportOptions.currency(currency), ImportOptions.zone(timezone));
    }

    /** The file's own name, without any folder a browser or client sent along. */
    static String baseName(@Nullable String fileName) {
        String name = fileName == null ? "" : fileName.strip();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }

    private static ResponseEntity<?> answer(ImportReport report, @Nullable String accept) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().header(SUMMARY_HEADER, ascii(report.summary()));
        if (accept != null && MediaType.parseMediaTypes(accept).stream().anyMatch(CSV::isCompatibleWith)
                && !accept.contains("json")) {
            return response.contentType(new MediaType(CSV, StandardCharsets.UTF_8)).body(ReportCsv.of(report));
        }
        if (accept != null && MediaType.parseMediaTypes(accept).stream().anyMatch(MediaType.TEXT_PLAIN::equalsTypeAndSubtype)
                && !accept.contains("json")) {
            return response.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                    .body(ReportText.of(report));
        }
        return response.contentType(MediaType.APPLICATION_JSON).body(report);
    }

    /** Header values must be ASCII. */
    private static String ascii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.toString();
    }

    @Operation(summary = "The latest imports with their reports (the first 100 rejected rows of each)")
    @GetMapping
    Map<String, List<JsonNode>> recent(@RequestParam(defaultValue = "20") int limit) {
        return Map.of("imports", store.recent(Math.max(1, Math.min(limit, 100))));
    }

    @Operation(summary = "One import's full report")
    @GetMapping("/{id}")
    ResponseEntity<?> report(@PathVariable long id) {
        return store.find(id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> ResponseEntity
                .status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no import " + id + ".")));
    }

    @ExceptionHandler(ImportException.class)
    ResponseEntity<ProblemDetail> badImport(ImportException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("The file cannot be imported");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The upload is larger than the server accepts for forms; send the file as the raw request body "
                        + "(./lotse import does) instead.");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
