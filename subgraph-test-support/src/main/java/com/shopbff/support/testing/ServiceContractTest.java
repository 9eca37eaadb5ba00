package com.shopbff.support.testing;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract tests every subgraph runs against its live server: {@code _service { sdl }} serves exactly the
 * contract file {@code schema/subgraphs/<name>.graphql}, and {@code /actuator/health} is UP. A subgraph's test class
 * extends its integration-test base and implements this interface, naming its subgraph and port.
 */
public interface ServiceContractTest {

    /** The subgraph's name as in {@code schema/subgraphs/<name>.graphql}. */
    String subgraphName();

    /** The port the subgraph under test listens on. */
    int servicePort();

    @Test
    default void liveServiceSdlMatchesTheContractFile() throws Exception {
        String sdl = GraphQlClient.onPort(servicePort()).post("{ _service { sdl } }", Map.of(), null).read("$.data._service.sdl");
        String contract = Files.readString(Path.of("../schema/subgraphs/" + subgraphName() + ".graphql"));
        assertThat(SdlContract.facts(sdl)).isEqualTo(SdlContract.facts(contract));
    }

    @Test
    default void actuatorHealthIsUp() {
        HttpResponse<String> response = GraphQlClient.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servicePort() + "/actuator/health")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"UP\"");
    }
}
