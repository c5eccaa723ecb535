package io.lotse.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Posts batches to {@code /v1/batch} of a Lotse server from a fixed number of concurrent connections, each
 * worker sending its next request as soon as the previous one is answered, over HTTP/1.1 with the write key as
 * HTTP Basic user name.
 */
final class HttpLoad {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client;
    private final URI batchEndpoint;
    private final String authorization;
    private final int connections;

    /**
     * @param client      sends the requests; HTTP/1.1
     * @param baseUrl     the server, e.g. {@code http://localhost:8080}
     * @param writeKey    the server's write key
     * @param connections how many requests are in flight at once; at least 1
     */
    HttpLoad(HttpClient client, URI baseUrl, String writeKey, int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be positive, was " + connections);
        }
        this.client = client;
        this.batchEndpoint = baseUrl.resolve("/v1/batch");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        this.connections = connections;
    }

    /**
     * Sends every batch once and waits for all answers.
     *
     * @throws LoadFailedException when a request was not answered with 200; no further requests are started then
     */
    LoadResult send(List<Batch> batches) throws InterruptedException {
        List<HttpRequest> requests = new ArrayList<>(batches.size());
        int events = 0;
        for (Batch batch : batches) {
            requests.add(HttpRequest.newBuilder(batchEndpoint)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body()))
                    .build());
            events += batch.eventCount();
        }
        long[] latencies = new long[requests.size()];
        AtomicInteger nextRequest = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        ExecutorService workers = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        for (int w = 0; w < connections; w++) {
            workers.execute(() -> {
                int index;
                while (failures.get() == 0 && (index = nextRequest.getAndIncrement()) < requests.size()) {
                    long sent = System.nanoTime();
                    String failure = post(requests.get(index));
                    latencies[index] = System.nanoTime() - sent;
                    if (failure != null) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, failure);
                    }
                }
            });
        }
        workers.shutdown();
        if (!workers.awaitTermination(1, TimeUnit.HOURS)) {
            workers.shutdownNow();
            throw new LoadFailedException("the requests did not finish within an hour");
        }
        long wallNanos = System.nanoTime() - start;
        if (failures.get() > 0) {
            throw new LoadFailedException(failures.get() + " request(s) to " + batchEndpoint
                    + " failed, stopped sending; the first: " + firstFailure.get());
        }
        Arrays.sort(latencies);
        return new LoadResult(events, Duration.ofNanos(wallNanos), millis(percentile(latencies, 0.50)),
                millis(percentile(latencies, 0.99)));
    }

    /** Posts one request; returns why it failed, or {@code null} when the server answered 200. */
    private @Nullable String post(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return null;
            }
            String body = response.body();
            return "HTTP " + response.statusCode() + " " + (body.length() > 500 ? body.substring(0, 500) : body);
        } catch (IOException e) {
            return describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The exception's type with the first message found along its causes (the JDK's are often empty). */
    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return failure.getClass().getSimpleName() + ": " + cause.getMessage();
            }
        }
        return failure.getClass().getSimpleName();
    }

    /** The nearest-rank percentile of ascending values. */
    static long percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /**
     * What one load phase achieved.
     *
     * @param events   how many events were sent and acknowledged
     * @param wallTime from the first request sent to the last answer received
     * @param p50Millis median request latency
     * @param p99Millis 99th percentile request latency
     */
    record LoadResult(int events, Duration wallTime, double p50Millis, double p99Millis) {

        double eventsPerSecond() {
            return events / (wallTime.toNanos() / 1e9);
        }
    }

    /** A load phase could not complete because the server refused or failed requests. */
    static final class LoadFailedException extends RuntimeException {

        LoadFailedException(String message) {
            super(message);
        }
    }
}
