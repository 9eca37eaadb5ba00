package com.shopbff.customer;

import com.shopbff.embedded.SharedTestInfra;
import com.shopbff.support.testing.SdlContract;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The live subgraph serves exactly the contract in schema/subgraphs/customer.graphql. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + CustomerApplication.CONFIG_NAME)
class CustomerServiceSdlContractTest {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> SharedTestInfra.mongo().connectionString());
        registry.add("spring.kafka.bootstrap-servers", () -> SharedTestInfra.kafka().bootstrapServers());
    }

    @LocalServerPort
    int port;

    @Test
    void liveServiceSdlMatchesTheContractFile() throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ _service { sdl } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String sdl = com.jayway.jsonpath.JsonPath.read(body, "$.data._service.sdl");
        String contract = Files.readString(Path.of("../schema/subgraphs/customer.graphql"));
        assertThat(SdlContract.facts(sdl)).isEqualTo(SdlContract.facts(contract));
    }

    @Test
    void actuatorHealthIsUp() throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"UP\"");
    }
}
