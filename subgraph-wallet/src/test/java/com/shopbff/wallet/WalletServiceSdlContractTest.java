package com.shopbff.wallet;

import com.shopbff.support.testing.SdlContract;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The live subgraph serves exactly the contract in schema/subgraphs/wallet.graphql. */
class WalletServiceSdlContractTest extends WalletIntegrationTest {

    @Test
    void liveServiceSdlMatchesTheContractFile() throws Exception {
        String body = post("/graphql", "{\"query\":\"{ _service { sdl } }\"}");
        String sdl = com.jayway.jsonpath.JsonPath.read(body, "$.data._service.sdl");
        String contract = Files.readString(Path.of("../schema/subgraphs/wallet.graphql"));
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
