package io.lotse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * worker sending its next request as soon as the previous one is answered, over its own persistent HTTP/1.1
 * connection ({@link KeepAliveConnection}) with the write key as HTTP Basic user name.
 */
final class HttpLoad {

    private final URI batchEndpoint;
    private final String authorization;
    private final int connections;

    /**
     * @param baseUrl     the server, e.g. {@code http://localhost:8080}
     * @param writeKey    the server's write key
     * @param connections how many requests are in flight at once; at least 1
     */
    HttpLoad(URI baseUrl, String writeKey, int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be positive, was " + connections);
        }
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
        int events = batches.stream().mapToInt(Batch::eventCount).sum();
        long[] latencies = new long[batches.size()];
        AtomicInteger nextRequest = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        ExecutorService workers = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        for (int w = 0; w < connections; w++) {
            workers.execute(() -> {
                try (KeepAliveConnection connection = new KeepAliveConnection(batchEndpoint, authorization)) {
                    int index;
                    while (failures.get() == 0 && (index = nextRequest.getAndIncrement()) < batches.size()) {
                        long sent = System.nanoTime();
                        String failure = post(connection, batches.get(index));
                        latencies[index] = System.nanoTime() - sent;
                        if (failure != null) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, failure);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("closing a connection failed", e);
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
    private static @Nullable String post(KeepAliveConnection connection, Batch batch) {
        try {
            KeepAliveConnection.Answer answer = connection.post(batch.body());
            if (answer.status() == 200) {
                return null;
            }
            String body = answer.body();
            return "HTTP " + answer.status() + " " + (body.length() > 500 ? body.substring(0, 500) : body);
        } catch (IOException e) {
            return describe(e);
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
