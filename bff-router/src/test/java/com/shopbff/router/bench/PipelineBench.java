package com.shopbff.router.bench;

import com.shopbff.router.edge.Edge;
import com.shopbff.router.edge.EdgeConfig;
import com.shopbff.router.execution.Executor;
import com.shopbff.router.execution.SubgraphClient;
import com.shopbff.router.execution.VertxSubgraphClient;
import com.shopbff.router.json.Json;
import com.shopbff.router.limits.Limits;
import com.shopbff.router.pipeline.CachePolicy;
import com.shopbff.router.pipeline.GraphQLRequest;
import com.shopbff.router.pipeline.GraphQLResponse;
import com.shopbff.router.pipeline.OperationPipeline;
import com.shopbff.router.pipeline.RouterExtensions;
import com.shopbff.router.supergraph.Supergraph;
import com.shopbff.router.supergraph.SupergraphModel.Graph;
import com.shopbff.router.telemetry.Observers;
import com.shopbff.router.telemetry.RouterTelemetry;
import com.shopbff.router.telemetry.TelemetrySettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The router's own work on the heavy query without HTTP (not a test; a benchmark helper): the four demo subgraphs
 * of {@link RouterBench} answer each distinct subgraph request once over HTTP, then every further request is
 * answered from that recording (a fresh copy of the body, as a socket read would give), synchronously. The loop
 * parses the client body, prepares (caches hit), executes the plan (subgraph responses parsed, merged), and writes
 * the response — with the edge features and telemetry at their defaults, like the standalone router. Prints the
 * CPU time of the loop's thread, the GC time and the bytes allocated, per request: figures that other load on the
 * machine hardly moves, unlike wall-clock rates.
 *
 * <pre>java -XX:+UseSerialGC -Xms160m -Xmx160m -Xmn112m -cp ... com.shopbff.router.bench.PipelineBench PORT DIR [SECONDS]</pre>
 */
public final class PipelineBench {
    private PipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        RouterBench.subgraphs(port, dir);
        Supergraph sg = Supergraph.parse(Files.readString(dir.resolve("supergraph.graphql")));
        Vertx vertx = Vertx.vertx();
        Map<String, String> urls = new LinkedHashMap<>();
        for (Graph g : sg.graphs()) urls.put(g.name(), g.url());
        VertxSubgraphClient http = new VertxSubgraphClient(vertx, urls, Duration.ofSeconds(10));
        Map<String, Buffer> recorded = new ConcurrentHashMap<>();
        SubgraphClient replay = new SubgraphClient() {
            @Override
            public Future<Response> post(String service, byte[] body, Map<String, String> headers) {
                String key = service + '\n' + new String(body, StandardCharsets.UTF_8);
                Buffer b = recorded.get(key);
                if (b != null) return Future.succeededFuture(new Response(200, b.copy()));
                return http.post(service, body, headers).onSuccess(r -> recorded.put(key, r.body().copy()));
            }

            @Override
            public void close() {
                http.close();
            }
        };
        RouterTelemetry telemetry = RouterTelemetry.start(TelemetrySettings.DEFAULTS);
        RouterExtensions extensions = Edge.create(EdgeConfig.DEFAULTS, sg).extend(RouterExtensions.NONE);
        OperationPipeline pipeline = new OperationPipeline(sg, new Executor(replay), Limits.DEFAULTS,
                extensions.withObserver(Observers.both(extensions.observer(), telemetry)), CachePolicy.DEFAULTS);
        byte[] clientBody = Files.readAllBytes(dir.resolve("heavy.json"));
        Object expected = Json.parse(Files.readAllBytes(dir.resolve("heavy-expected.json")));

        // the first requests fill the recording over HTTP
        for (int i = 0; i < 3; i++) {
            GraphQLResponse r = run(pipeline, clientBody).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            if (!expected.equals(Json.parse(r.encoded().getBytes()))) {
                System.err.println("the response differs from the expected one");
                System.exit(1);
            }
        }
        loop(pipeline, clientBody, Math.max(5, seconds / 2)); // warm-up: C2 compiles the hot path
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long alloc0 = threads.getCurrentThreadAllocatedBytes();
        long gc0 = gcMillis();
        int n = loop(pipeline, clientBody, seconds);
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long alloc = threads.getCurrentThreadAllocatedBytes() - alloc0;
        long gc = gcMillis() - gc0;
        System.out.printf("bench=pipeline requests=%d cpu_us_per_request=%.1f gc_us_per_request=%.1f allocated_kb_per_request=%.1f%n",
                n, cpu / 1000.0 / n, gc * 1000.0 / n, alloc / 1024.0 / n);
        telemetry.close();
        vertx.close();
        System.exit(0);
    }

    private static Future<GraphQLResponse> run(OperationPipeline pipeline, byte[] clientBody) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) Json.parse(clientBody);
        return pipeline.execute(GraphQLRequest.of((String) body.get("query"), Map.of()), true);
    }

    /** Runs requests for about {@code seconds}; returns how many. */
    private static int loop(OperationPipeline pipeline, byte[] clientBody, int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int n = 0;
        long bytes = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 50; i++) {
                GraphQLResponse r = run(pipeline, clientBody).result();
                bytes += r.encoded().length();
                n++;
            }
        }
        if (bytes == 0) throw new IllegalStateException("no response");
        return n;
    }

    private static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) t += Math.max(0, b.getCollectionTime());
        return t;
    }
}
