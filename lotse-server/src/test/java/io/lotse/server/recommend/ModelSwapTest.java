package io.lotse.server.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Training swaps the model in while requests keep coming: none of them fails. */
@LotseServerTest
class ModelSwapTest {

    @LocalServerPort
    int port;

    @Test
    void noRequestFailsWhileModelsAreSwapped() throws Exception {
        ServerClient client = new ServerClient(port);
        ShopEvents shop = new ShopEvents(client);
        for (int i = 0; i < 4; i++) {
            shop.order(shop.user("swap" + i), true, "S1", "S2", "S3");
        }
        client.awaitProfile("userId", shop.user("swap3"), p -> p.path("stats").path("orders").asInt() == 1);
        assertThat(client.admin("POST", "/api/v1/recommendations/models", "").status()).isEqualTo(201);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Set<Long> versions = ConcurrentHashMap.newKeySet();
        ExecutorService askers = Executors.newFixedThreadPool(4);
        String[] queries = {"userId=" + shop.user("swap0") + "&placement=home",
            "anonymousId=visitor&placement=product&productId=" + shop.product("S1"),
            "userId=" + shop.user("swap1") + "&placement=cart&productId=" + shop.product("S2"),
            "userId=" + shop.user("swap2") + "&placement=email"};
        for (int t = 0; t < 4; t++) {
            String query = queries[t];
            askers.execute(() -> {
                while (running.get()) {
                    ServerClient.Response response = client.get("/api/v1/recommendations?" + query);
                    if (response.status() != 200) {
                        failures.add(response.status() + " " + response.body());
                    } else {
                        versions.add(response.json().path("model").path("version").asLong());
                        answered.incrementAndGet();
                    }
                }
            });
        }
        for (int training = 0; training < 5; training++) {
            assertThat(client.admin("POST", "/api/v1/recommendations/models", "").status()).isEqualTo(201);
        }
        running.set(false);
        askers.shutdown();
        assertThat(askers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(failures).isEmpty();
        assertThat(answered.get()).isPositive();
        assertThat(versions).as("answers came from several models").hasSizeGreaterThan(1);
    }
}
