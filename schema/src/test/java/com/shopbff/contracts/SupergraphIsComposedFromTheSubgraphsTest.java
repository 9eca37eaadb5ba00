package com.shopbff.contracts;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the real federation composer over schema/subgraphs and fails when schema/supergraph.graphql is stale. */
class SupergraphIsComposedFromTheSubgraphsTest {

    @Test
    void checkedInSupergraphIsWhatCompositionProduces() throws Exception {
        File schemaDir = new File(System.getProperty("user.dir"));
        Process p = new ProcessBuilder("bash", "compose.sh", "--check").directory(schemaDir).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }
}
