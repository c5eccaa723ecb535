package io.lotse.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends batches to {@code /v1/batch} at a steady rate: batch {@code i} is due {@code i * batchSize / rate} seconds
 * after the start, and goes out when due or, if the server is behind, as soon as a connection is free; the
 * achieved rate is what the server acknowledged.
 */
final class PacedLoad {

    private final HttpClient client;
    private final URI batchEndpoint;
    private final String authorization;
    private final int connections;

    PacedLoad(HttpClient client, URI baseUrl, String writeKey, int connections) {
        this.client = client;
        this.batchEndpoint = baseUrl.resolve("/v1/batch");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        this.connections = connections;
    }

    /**
     * What the load achieved.
     *
     * @param events        events acknowledged
     * @param wallTime      from the start to the last answer
     * @param failures      requests not answered with 200
     */
    record Result(long events, Duration wallTime, int failures) {

        double eventsPerSecond() {
            return events / (wallTime.toNanos() / 1e9);
        }
    }

    Result send(List<Batch> batches, double eventsPerSecond) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong acknowledged = new AtomicLong();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long start = System.nanoTime();
        double nanosPerEvent = 1e9 / eventsPerSecond;
        long[] due = new long[batches.size()];
        long events = 0;
        for (int i = 0; i < batches.size(); i++) {
            due[i] = start + Math.round(events * nanosPerEvent);
            events += batches.get(i).eventCount();
        }
        ExecutorService workers = Executors.newFixedThreadPool(connections);
        for (int w = 0; w < connections; w++) {
            workers.execute(() -> {
                int index;
                while ((index = next.getAndIncrement()) < batches.size()) {
                    long wait = due[index] - System.nanoTime();
                    if (wait > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    Batch batch = batches.get(index);
                    String failure = post(batch);
                    if (failure == null) {
                        acknowledged.addAndGet(batch.eventCount());
                    } else {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, failure);
                    }
                }
            });
        }
        workers.shutdown();
        if (!workers.awaitTermination(1, TimeUnit.HOURS)) {
            workers.shutdownNow();
        }
        if (firstFailure.get() != null) {
            System.err.println("warning: " + failures.get() + " request(s) failed; the first: " + firstFailure.get());
        }
        return new Result(acknowledged.get(), Duration.ofNanos(System.nanoTime() - start), failures.get());
    }

    private String post(Batch batch) {
        HttpRequest request = HttpRequest.newBuilder(batchEndpoint).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body())).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? null : "HTTP " + response.statusCode();
        } catch (IOException e) {
            return HttpLoad.describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
