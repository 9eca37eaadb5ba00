package com.shopbff.system;

import com.shopbff.contracts.Topics;
import com.shopbff.router.limits.Limits;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What can be checked of the container images and manifests without a Docker engine or a Kubernetes cluster
 * (deploy/): every YAML file is well-formed; every environment variable that compose, the Kubernetes base or a
 * Dockerfile sets for a service is one that service's code reads (a placeholder in its configuration, a name in its
 * sources, a router flag as {@code ROUTER_<FLAG>}, or a documented family such as {@code SUBGRAPH_<NAME>_URL}); ports agree (the port a service listens on,
 * what its container exposes, its probes and health check, its Service, and the URLs the router and the subgraphs use
 * to reach it); and the topology is the one promised (two instances of every service and the router, a
 * PodDisruptionBudget for the router, probes on the actuator and /health, resource requests).
 */
class DeploymentManifestsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DEPLOY = ROOT.resolve("deploy");
    private static final List<String> SUBGRAPHS = List.of("customer", "catalog", "orders", "wallet", "notifications");
    /** Read by the JVM or Spring Boot itself rather than by our code. */
    private static final Set<String> PLATFORM = Set.of("JAVA_TOOL_OPTIONS", "SERVER_PORT", "SPRING_PROFILES_ACTIVE");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern UPPER_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");
    /** A router flag name ({@code "cors-origins"}): the router reads it as {@code ROUTER_CORS_ORIGINS} too. */
    private static final Pattern FLAG_LITERAL = Pattern.compile("\"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\"");

    @Test
    void everyYamlFileUnderDeployIsWellFormed() {
        List<Path> files = files(DEPLOY, ".yaml", ".yml");
        assertThat(files).isNotEmpty();
        for (Path f : files) assertThat(yamlDocuments(f)).as("YAML documents in %s", f).isNotEmpty();
    }

    @Test
    void composeSetsOnlyVariablesTheServicesReadAndItsPortsAgree() {
        Map<String, Object> compose = map(yamlDocuments(DEPLOY.resolve("compose.yaml")).getFirst());
        Map<String, Object> services = map(compose.get("services"));
        for (String sg : SUBGRAPHS) {
            Map<String, Object> s = map(services.get(sg));
            assertThat(s).as("compose service %s", sg).isNotNull();
            Map<String, Object> env = map(s.get("environment"));
            assertThat(unreadVariables("subgraph-" + sg, env.keySet())).as("variables compose sets for %s that it does not read", sg).isEmpty();
            Map<String, Object> args = map(map(s.get("build")).get("args"));
            assertThat(args.get("SUBGRAPH")).isEqualTo(sg);
            assertThat(Integer.parseInt(String.valueOf(args.get("PORT")))).as("PORT build arg of %s", sg).isEqualTo(defaultPort(sg));
            assertThat(map(s.get("deploy")).get("replicas")).as("instances of %s", sg).isEqualTo(2);
            assertUrlsPointAtServices(env, name -> name, sg);
        }
        Map<String, Object> router = map(services.get("router"));
        Map<String, Object> env = map(router.get("environment"));
        assertThat(unreadVariables("bff-router", env.keySet())).as("variables compose sets for the router that it does not read").isEmpty();
        assertThat(map(router.get("deploy")).get("replicas")).as("router instances").isEqualTo(2);
        for (String sg : SUBGRAPHS) assertThat(env).containsKey("SUBGRAPH_" + sg.toUpperCase() + "_URL");
        assertUrlsPointAtServices(env, name -> name, "router");
        assertThat(env.get("ROUTER_METRICS_PORT")).as("the router's metrics on a port of their own").isNotNull()
                .isNotEqualTo(String.valueOf(routerPortIn(env, 4000)));
        String haproxy = read(DEPLOY.resolve("compose/haproxy.cfg"));
        assertThat(haproxy).contains("router:" + routerPortIn(env, 4000)).contains("httpchk GET /health");
        assertCreatesEveryTopic(String.valueOf(map(services.get("kafka-topics")).get("command")), "compose's kafka-topics step");
    }

    /** The admin step creates every topic the code uses ({@link Topics#ALL}), replicated 3 times, 2 in sync. */
    private static void assertCreatesEveryTopic(String script, String where) {
        for (String topic : Topics.ALL) {
            assertThat(script).as("%s creates %s", where, topic).containsPattern("(?s)(for t in [^;]*\\b" + Pattern.quote(topic)
                    + "\\b[^;]*;|--topic " + Pattern.quote(topic) + " )");
        }
        assertThat(script).as(where).contains("--replication-factor 3").contains("min.insync.replicas=2");
    }

    @Test
    void kubernetesBaseSetsOnlyVariablesTheServicesReadAndItsPortsAgree() {
        Map<String, Map<String, Object>> byKindName = new LinkedHashMap<>();
        for (Path f : files(DEPLOY.resolve("kubernetes"), ".yaml")) {
            for (Object d : yamlDocuments(f)) {
                Map<String, Object> m = map(d);
                if (m.get("kind") == null) continue;
                byKindName.put(m.get("kind") + "/" + map(m.get("metadata")).get("name"), m);
            }
        }
        Map<String, Object> configData = map(byKindName.get("ConfigMap/shop-config").get("data"));
        Map<String, Object> kustomization = map(yamlDocuments(DEPLOY.resolve("kubernetes/base/kustomization.yaml")).getFirst());
        @SuppressWarnings("unchecked")
        List<Object> resources = (List<Object>) kustomization.get("resources");
        for (Path f : files(DEPLOY.resolve("kubernetes/base"), ".yaml")) {
            if (!f.getFileName().toString().equals("kustomization.yaml")) {
                assertThat(resources).as("kustomization resources").contains(f.getFileName().toString());
            }
        }
        for (String sg : SUBGRAPHS) {
            String name = "subgraph-" + sg;
            Map<String, Object> container = container(byKindName.get("Deployment/" + name));
            Map<String, Object> env = env(container);
            Set<String> set = new TreeSet<>(env.keySet());
            set.addAll(configData.keySet());
            assertThat(unreadVariables(name, set)).as("variables the Kubernetes base sets for %s that it does not read", sg).isEmpty();
            int port = defaultPort(sg);
            assertThat(env.get("SERVER_PORT")).isEqualTo(String.valueOf(port));
            assertThat(containerPort(container, "http")).as("containerPort of %s", sg).isEqualTo(port);
            assertThat(probePath(container, "readinessProbe")).isEqualTo("/actuator/health/readiness");
            assertThat(probePath(container, "livenessProbe")).isEqualTo("/actuator/health/liveness");
            assertThat(map(map(container.get("resources")).get("requests"))).containsKeys("cpu", "memory");
            assertThat(map(byKindName.get("Deployment/" + name).get("spec")).get("replicas")).isEqualTo(2);
            Map<String, Object> service = map(byKindName.get("Service/" + name).get("spec"));
            assertThat(map(((List<?>) service.get("ports")).getFirst()).get("port")).as("Service port of %s", sg).isEqualTo(port);
            assertThat(map(map(map(map(byKindName.get("Deployment/" + name).get("spec")).get("template")).get("metadata")).get("annotations")))
                    .containsEntry("prometheus.io/port", String.valueOf(port));
            assertUrlsPointAtServices(configData, n -> "subgraph-" + n, sg);
        }
        Map<String, Object> routerDeployment = byKindName.get("Deployment/bff-router");
        Map<String, Object> container = container(routerDeployment);
        Map<String, Object> env = env(container);
        assertThat(unreadVariables("bff-router", env.keySet())).as("variables the Kubernetes base sets for the router that it does not read").isEmpty();
        assertThat(containerPort(container, "http")).isEqualTo(routerPortIn(env, 4000));
        int metricsPort = Integer.parseInt(String.valueOf(env.get("ROUTER_METRICS_PORT")));
        assertThat(containerPort(container, "metrics")).as("the router's metrics port").isEqualTo(metricsPort);
        assertThat(map(map(map(map(routerDeployment.get("spec")).get("template")).get("metadata")).get("annotations")))
                .containsEntry("prometheus.io/port", String.valueOf(metricsPort)).containsEntry("prometheus.io/path", "/metrics");
        assertThat(((List<?>) map(byKindName.get("Service/bff-router").get("spec")).get("ports")))
                .as("the router's Service (what the public entry point reaches) leaves the metrics port out").hasSize(1);
        assertThat(probePath(container, "readinessProbe")).isEqualTo("/health");
        assertThat(probePath(container, "livenessProbe")).isEqualTo("/health");
        assertThat(map(map(container.get("resources")).get("requests"))).containsKeys("cpu", "memory");
        assertThat(map(routerDeployment.get("spec")).get("replicas")).isEqualTo(2);
        assertUrlsPointAtServices(env, n -> "subgraph-" + n, "router");
        Map<String, Object> job = map(map(byKindName.get("Job/shop-kafka-topics").get("spec")).get("template"));
        assertCreatesEveryTopic(String.valueOf(map(((List<?>) map(job.get("spec")).get("containers")).getFirst()).get("args")),
                "the Kubernetes topic Job");
        Map<String, Object> pdb = byKindName.get("PodDisruptionBudget/bff-router");
        assertThat(pdb).as("the router's PodDisruptionBudget").isNotNull();
        assertThat(map(map(map(pdb.get("spec")).get("selector")).get("matchLabels")))
                .isEqualTo(map(map(map(routerDeployment.get("spec")).get("selector")).get("matchLabels")));
    }

    @Test
    void dockerfilesSetOnlyVariablesTheServicesReadAndCheckTheHealthEndpoints() {
        String subgraph = read(DEPLOY.resolve("docker/subgraph.Dockerfile"));
        for (String sg : SUBGRAPHS) {
            assertThat(unreadVariables("subgraph-" + sg, envNames(subgraph))).as("ENV of subgraph.Dockerfile for %s", sg).isEmpty();
        }
        assertThat(subgraph).contains("USER 10001").contains("/actuator/health/readiness").contains("eclipse-temurin:${JAVA_VERSION}-jre")
                .contains("EXPOSE ${PORT}");
        String router = read(DEPLOY.resolve("docker/router.Dockerfile"));
        assertThat(unreadVariables("bff-router", envNames(router))).as("ENV of router.Dockerfile").isEmpty();
        assertThat(router).contains("USER 10001").contains("ROUTER_PORT=4000").contains("EXPOSE 4000").contains("/health");
    }

    /** Every http://host:port URL among the variables names a subgraph Service on the subgraph's own port. */
    private static void assertUrlsPointAtServices(Map<String, Object> env, java.util.function.UnaryOperator<String> serviceName, String where) {
        Pattern url = Pattern.compile("http://([a-z0-9-]+):(\\d+)/");
        env.forEach((k, v) -> {
            Matcher m = url.matcher(String.valueOf(v));
            if (!m.find()) return;
            String host = m.group(1);
            int port = Integer.parseInt(m.group(2));
            String sg = SUBGRAPHS.stream().filter(s -> serviceName.apply(s).equals(host)).findFirst().orElse(null);
            assertThat(sg).as("%s of %s points at %s, which is no subgraph service", k, where, host).isNotNull();
            assertThat(port).as("%s of %s: port of %s", k, where, host).isEqualTo(defaultPort(sg));
        });
    }

    private static int routerPortIn(Map<String, Object> env, int fallback) {
        Object p = env.get("ROUTER_PORT");
        return p == null ? fallback : Integer.parseInt(String.valueOf(p));
    }

    /** The variables among {@code names} that the service's code does not read. */
    static Set<String> unreadVariables(String service, Iterable<String> names) {
        Set<String> read = variablesRead(service);
        Set<String> unread = new TreeSet<>();
        for (String n : names) {
            if (read.contains(n) || PLATFORM.contains(n) || n.startsWith("OTEL_")) continue;
            if (service.equals("bff-router") && n.matches("SUBGRAPH_[A-Z0-9_]+_URL")
                    && SUBGRAPHS.contains(n.substring(9, n.length() - 4).toLowerCase())) continue;
            unread.add(n);
        }
        return unread;
    }

    private static final Map<String, Set<String>> READ = new HashMap<>();

    /**
     * The environment variables a service's code reads: placeholders in its configuration files, names in its Java
     * sources (and those of the shared modules it is built from), and the router's limit variables.
     */
    static synchronized Set<String> variablesRead(String service) {
        return READ.computeIfAbsent(service, s -> {
            List<String> modules = new ArrayList<>(s.equals("bff-router") ? List.of("bff-router") : List.of(s, "subgraph-support", "schema"));
            if (Files.isDirectory(ROOT.resolve("telemetry"))) modules.add("telemetry");
            Set<String> names = new LinkedHashSet<>();
            for (String module : modules) {
                for (Path f : files(ROOT.resolve(module).resolve("src/main"), ".java", ".yml", ".yaml", ".properties")) {
                    String text = read(f);
                    Matcher m = (f.toString().endsWith(".java") ? UPPER_LITERAL : PLACEHOLDER).matcher(text);
                    while (m.find()) names.add(m.group(1));
                }
            }
            if (s.equals("bff-router")) {
                for (String limit : Limits.NAMES) names.add(Limits.envName(limit));
                for (Path f : files(ROOT.resolve("bff-router/src/main/java"), ".java")) {
                    Matcher m = FLAG_LITERAL.matcher(read(f));
                    while (m.find()) names.add("ROUTER_" + m.group(1).toUpperCase().replace('-', '_'));
                }
            }
            return names;
        });
    }

    /** The subgraph's own default port: {@code server.port: ${ORDERS_PORT:4003}} in its configuration. */
    private static int defaultPort(String sg) {
        String yml = read(ROOT.resolve("subgraph-" + sg + "/src/main/resources/" + sg + ".yml"));
        Matcher m = Pattern.compile("port:\\s*\\$\\{[A-Z_]+:(\\d+)}").matcher(yml);
        assertThat(m.find()).as("server.port default in %s.yml", sg).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static Set<String> envNames(String dockerfile) {
        Set<String> names = new TreeSet<>();
        Matcher env = Pattern.compile("(?m)^ENV\\s+((?:.*\\\\\\n)*.*)$").matcher(dockerfile);
        while (env.find()) {
            Matcher kv = Pattern.compile("([A-Z][A-Z0-9_]*)=").matcher(env.group(1));
            while (kv.find()) names.add(kv.group(1));
        }
        return names;
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        Map<String, Object> pod = map(map(map(deployment.get("spec")).get("template")).get("spec"));
        return map(((List<?>) pod.get("containers")).getFirst());
    }

    private static Map<String, Object> env(Map<String, Object> container) {
        Map<String, Object> env = new LinkedHashMap<>();
        Object list = container.get("env");
        if (list != null) {
            for (Object e : (List<?>) list) {
                Map<String, Object> m = map(e);
                env.put((String) m.get("name"), m.containsKey("value") ? m.get("value") : "(from " + m.get("valueFrom") + ")");
            }
        }
        return env;
    }

    private static int containerPort(Map<String, Object> container, String name) {
        for (Object p : (List<?>) container.get("ports")) {
            if (name.equals(map(p).get("name"))) return (Integer) map(p).get("containerPort");
        }
        throw new AssertionError("no container port named " + name);
    }

    private static String probePath(Map<String, Object> container, String probe) {
        return (String) map(map(map(container.get(probe)).get("httpGet"))).get("path");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    private static List<Object> yamlDocuments(Path f) {
        List<Object> docs = new ArrayList<>();
        for (Object d : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(f))) if (d != null) docs.add(d);
        return docs;
    }

    private static List<Path> files(Path dir, String... suffixes) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> Stream.of(suffixes).anyMatch(x -> p.toString().endsWith(x))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
