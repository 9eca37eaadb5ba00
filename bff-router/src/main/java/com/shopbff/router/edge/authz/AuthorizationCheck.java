package com.shopbff.router.edge.authz;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.shopbff.router.operation.FieldPath;
import com.shopbff.router.operation.NormalizedOperation;
import com.shopbff.router.pipeline.OperationCheck;
import com.shopbff.router.pipeline.Rejected;
import com.shopbff.router.supergraph.SchemaDirectives;
import com.shopbff.router.supergraph.SchemaDirectives.Applied;
import com.shopbff.router.supergraph.Supergraph;
import com.shopbff.router.supergraph.SupergraphModel.FieldDef;
import com.shopbff.router.supergraph.SupergraphModel.TypeDef;

import java.util.*;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces {@code @authenticated}, {@code @requiresScopes} and {@code @policy} (Federation 2.5+ security specs) on
 * the normalised operation, before planning, as Apollo Router and Hive Router do. A field is guarded by the
 * directives on its definition (or the interface field it implements), on the type it returns, and, for root
 * fields, on the root type. A caller who does not satisfy them does not get the field: it is removed from the plan
 * (null and an {@code UNAUTHORIZED_FIELD_OR_TYPE} error at its path), or the whole request is refused. The
 * subgraphs keep their own checks; this is defence in depth and saves them the calls.
 */
public final class AuthorizationCheck implements OperationCheck {
    public static final String CODE = "UNAUTHORIZED_FIELD_OR_TYPE";
    private final Supergraph sg;
    private final SchemaDirectives directives;
    private final AuthzConfig config;
    private final PolicyEvaluator policies;
    private final boolean active;
    private final Map<String, Optional<Requirement>> byCoordinate = new ConcurrentHashMap<>();
    /** Per normalised operation (cached and shared by the pipeline): its guarded fields, parents first. */
    private final Cache<NormalizedOperation, List<Guarded>> guardedFields = Caffeine.newBuilder().weakKeys()
            .maximumSize(10_000).build();

    public AuthorizationCheck(Supergraph sg, AuthzConfig config, PolicyEvaluator policies) {
        this.sg = sg;
        this.directives = sg.directives();
        this.config = config;
        this.policies = policies == null ? new ClaimPolicies(config.policies()) : policies;
        this.active = config.enabled() && (directives.uses("authenticated") || directives.uses("requiresScopes")
                || directives.uses("policy"));
    }

    /**
     * What a field needs: authentication, and every listed scope/policy requirement (each a list of alternatives,
     * each alternative a list of names that must all be held).
     */
    record Requirement(boolean authenticated, List<List<List<String>>> scopes, List<List<List<String>>> policies) {
    }

    record Guarded(FieldPath path, Requirement requirement) {
    }

    /** Whether the supergraph has anything to enforce. */
    public boolean active() {
        return active;
    }

    @Override
    public Outcome check(Context ctx) {
        if (!active) return Accepted.AS_IS;
        List<Guarded> guarded = guardedFields.get(ctx.operation(), this::guarded);
        if (guarded.isEmpty()) return Accepted.AS_IS;
        Map<String, Object> claims = ctx.request().claims();
        boolean anonymous = claims.isEmpty();
        Set<String> scopes = null;
        List<Removal> removals = new ArrayList<>();
        List<FieldPath> denied = new ArrayList<>();
        for (Guarded g : guarded) {
            if (under(g.path(), denied)) continue;
            Requirement r = g.requirement();
            boolean ok = !(r.authenticated() && anonymous);
            if (ok && !r.scopes().isEmpty()) {
                if (scopes == null) scopes = scopes(claims);
                for (List<List<String>> alternatives : r.scopes()) {
                    if (!anyAll(alternatives, scopes::contains)) {
                        ok = false;
                        break;
                    }
                }
            }
            if (ok && !r.policies().isEmpty()) {
                for (List<List<String>> alternatives : r.policies()) {
                    if (!anyAll(alternatives, p -> policy(p, claims))) {
                        ok = false;
                        break;
                    }
                }
            }
            if (!ok) {
                denied.add(g.path());
                removals.add(config.callerCodes()
                        ? new Removal(g.path(), anonymous ? "Sign-in required." : "Not allowed for this caller.",
                        anonymous ? "UNAUTHENTICATED" : "FORBIDDEN")
                        : new Removal(g.path(), "Unauthorized field or type", CODE));
            }
        }
        if (removals.isEmpty()) return Accepted.AS_IS;
        if (config.rejectWhole()) {
            List<Map<String, Object>> errors = new ArrayList<>();
            for (Removal r : removals) {
                Map<String, Object> e = Rejected.error((anonymous ? "Authentication required for " : "Not authorized for ")
                        + describe(r.path()) + ".", r.code());
                errors.add(e);
            }
            return new Rejected(anonymous ? 401 : 403, false, errors, Map.of());
        }
        return new Accepted(removals, Map.of());
    }

    private boolean policy(String name, Map<String, Object> claims) {
        try {
            return policies.allows(name, claims);
        } catch (RuntimeException e) {
            System.err.println("bff-router: policy evaluator failed on '" + name + "': " + e);
            return false; // a failing policy check denies
        }
    }

    private static String describe(FieldPath p) {
        List<FieldPath.Step> s = p.steps();
        FieldPath.Step last = s.get(s.size() - 1);
        return last.parentType() + "." + last.responseKey();
    }

    private static boolean under(FieldPath p, List<FieldPath> denied) {
        for (FieldPath d : denied) {
            List<FieldPath.Step> a = d.steps(), b = p.steps();
            if (a.size() < b.size() && b.subList(0, a.size()).equals(a)) return true;
        }
        return false;
    }

    private static boolean anyAll(List<List<String>> alternatives, java.util.function.Predicate<String> held) {
        for (List<String> all : alternatives) {
            boolean ok = true;
            for (String s : all) {
                if (!held.test(s)) {
                    ok = false;
                    break;
                }
            }
            if (ok) return true;
        }
        return false;
    }

    private Set<String> scopes(Map<String, Object> claims) {
        Set<String> out = new HashSet<>();
        for (String c : config.scopeClaims()) {
            Object v = claims.get(c);
            if (v instanceof String s) {
                for (String part : s.split(" ")) if (!part.isEmpty()) out.add(part);
            } else if (v instanceof List<?> l) {
                for (Object o : l) if (o != null) out.add(String.valueOf(o));
            }
        }
        return out;
    }

    private List<Guarded> guarded(NormalizedOperation op) {
        List<Guarded> out = new ArrayList<>();
        op.forEachField((path, responsePath, parent, field) -> {
            if (field.name().startsWith("__")) return false;
            Requirement r = requirement(parent, field.name(), op.rootType());
            if (r != null) out.add(new Guarded(path, r));
            return true;
        });
        return List.copyOf(out);
    }

    private Requirement requirement(String parent, String field, String rootType) {
        return byCoordinate.computeIfAbsent(parent + "." + field, k -> Optional.ofNullable(compute(parent, field, rootType)))
                .orElse(null);
    }

    private Requirement compute(String parent, String field, String rootType) {
        TypeDef pt = sg.type(parent);
        if (pt == null) return null;
        FieldDef fd = pt.fields().get(field);
        if (fd == null) return null;
        List<Applied> applied = new ArrayList<>(directives.at(SchemaDirectives.field(parent, field)));
        for (String i : pt.interfaces()) applied.addAll(directives.at(SchemaDirectives.field(i, field)));
        applied.addAll(directives.at(fd.type().named()));
        if (parent.equals(rootType) || parent.equals(sg.mutationType()) || parent.equals(sg.subscriptionType())) {
            applied.addAll(directives.at(parent));
        }
        boolean auth = false;
        List<List<List<String>>> scopes = new ArrayList<>(), pols = new ArrayList<>();
        for (Applied a : applied) {
            switch (a.name()) {
                case "authenticated" -> auth = true;
                case "requiresScopes" -> scopes.add(nested(a.arg("scopes")));
                case "policy" -> pols.add(nested(a.arg("policies")));
                default -> { }
            }
        }
        if (!auth && scopes.isEmpty() && pols.isEmpty()) return null;
        return new Requirement(auth, List.copyOf(scopes), List.copyOf(pols));
    }

    private static List<List<String>> nested(Object v) {
        List<List<String>> out = new ArrayList<>();
        if (v instanceof List<?> outer) {
            for (Object o : outer) {
                List<String> inner = new ArrayList<>();
                if (o instanceof List<?> l) {
                    for (Object s : l) if (s != null) inner.add(String.valueOf(s));
                } else if (o != null) {
                    inner.add(String.valueOf(o));
                }
                out.add(List.copyOf(inner));
            }
        }
        return List.copyOf(out);
    }
}
