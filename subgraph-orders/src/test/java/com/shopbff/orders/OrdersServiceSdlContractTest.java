package com.shopbff.orders;

import com.shopbff.support.testing.SdlContract;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The live subgraph serves exactly the contract in schema/subgraphs/orders.graphql. */
class OrdersServiceSdlContractTest extends OrdersIntegrationTest {

    @Test
    void liveServiceSdlMatchesTheContractFile() throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ _service { sdl } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String sdl = com.jayway.jsonpath.JsonPath.read(body, "$.data._service.sdl");
        String contract = Files.readString(Path.of("../schema/subgraphs/orders.graphql"));
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
