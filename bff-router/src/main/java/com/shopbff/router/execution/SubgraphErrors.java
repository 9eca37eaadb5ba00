package com.shopbff.router.execution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GraphQL errors of subgraph calls as the client sees them: re-pathed, tagged with the subgraph's name. */
final class SubgraphErrors {
    private SubgraphErrors() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> errorsOf(Map<String, Object> resp) {
        Object e = resp.get("errors");
        if (!(e instanceof List<?> l)) return List.of();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : l) if (o instanceof Map<?, ?> m) out.add((Map<String, Object>) m);
        return out;
    }

    static Map<String, Object> subgraphError(Map<String, Object> e, String service, List<Object> path) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", e.getOrDefault("message", "Subgraph error"));
        if (path != null) out.put("path", path);
        Map<String, Object> ext = new LinkedHashMap<>();
        if (e.get("extensions") instanceof Map<?, ?> x) ext.putAll(cast(x));
        ext.putIfAbsent("serviceName", service);
        out.put("extensions", ext);
        return out;
    }

    static Map<String, Object> failure(Throwable t, String service, List<Object> path) {
        Map<String, Object> out = new LinkedHashMap<>();
        String code = t instanceof SubgraphException se ? se.code() : "SUBREQUEST_HTTP_ERROR";
        out.put("message", "Subgraph '" + service + "' failed: " + t.getMessage());
        if (path != null) out.put("path", path);
        out.put("extensions", new LinkedHashMap<>(Map.of("code", code, "serviceName", service)));
        return out;
    }

}
