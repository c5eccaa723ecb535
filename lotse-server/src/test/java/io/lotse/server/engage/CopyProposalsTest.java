package io.lotse.server.engage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.ServerClient.Response;
import io.lotse.server.TestPorts;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Generated copy: proposed by an OpenAI-compatible endpoint, marked as AI-generated, never sent unapproved. */
@LotseServerTest
class CopyProposalsTest {

    @LocalServerPort
    int port;

    @Test
    void proposedCopyIsMarkedAndCannotBeSentBeforeAPersonApprovesIt() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer model = HttpServer.create(new InetSocketAddress("127.0.0.1", TestPorts.AI), 0);
        model.createContext("/v1/chat/completions", exchange -> {
            asked.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = """
                    {"choices":[{"message":{"role":"assistant","content":"Here you are:\\n```json\\n{\\"variants\\":[{\\"subject\\":\\"{{firstName}}, your autumn picks\\",\\"text\\":\\"Fresh tea for cold days.\\"},{\\"subject\\":\\"Broken {{\\",\\"text\\":\\"x\\"}]}\\n```"}}]}"""
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        model.start();
        try {
            ServerClient client = new ServerClient(port);
            assertThat(client.get("/api/v1/engage/ai").json().path("enabled").asBoolean()).isTrue();
            long source = client.admin("POST", "/api/v1/engage/templates", """
                    {"name":"Autumn","subject":"Autumn offers","text":"Hi {{firstName}}, tea is here."}""")
                    .json().path("id").asLong();

            Response proposed = client.admin("POST", "/api/v1/engage/templates/" + source + "/proposals",
                    "{\"count\":2,\"brief\":\"cosy\"}");

            assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
            assertThat(asked.get(0)).contains("Autumn offers", "cosy");
            assertThat(proposed.json()).hasSize(1);
            JsonNode generated = proposed.json().get(0);
            assertThat(generated.path("subject").asString()).isEqualTo("{{firstName}}, your autumn picks");
            assertThat(generated.path("aiGenerated").asBoolean()).isTrue();
            assertThat(generated.path("approvedAt").isNull()).isTrue();

            Response created = client.admin("POST", "/api/v1/engage/campaigns", """
                    {"name":"AI","templateId":%d,"audience":{"kind":"profiles","ids":[999999999]}}"""
                    .formatted(generated.path("id").asLong()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long campaign = created.json().path("id").asLong();
            Response refused = client.admin("POST", "/api/v1/engage/campaigns/" + campaign + "/schedule", "{}");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().path("detail").asString()).contains("approved by a person");

            client.admin("POST", "/api/v1/engage/templates/" + generated.path("id").asLong() + "/approve",
                    "{\"approvedBy\":\"Ada Editor\"}");
            assertThat(client.admin("POST", "/api/v1/engage/campaigns/" + campaign + "/schedule", "{}").status())
                    .isEqualTo(200);
        } finally {
            model.stop(0);
        }
    }
}
