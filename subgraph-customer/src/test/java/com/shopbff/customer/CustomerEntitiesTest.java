package com.shopbff.customer;

import com.jayway.jsonpath.DocumentContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Customer @key(fields: "id")} as the router asks for it. */
class CustomerEntitiesTest extends CustomerIntegrationTest {
    private static final String ENTITIES = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id email name } } }";

    private static List<Map<String, Object>> representations(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> Map.<String, Object>of("__typename", "Customer", "id", id)).toList();
    }

    @Test
    void theAdminResolvesManyCustomersWithOneQuery() {
        Account a = signUp("ent-a");
        Account b = signUp("ent-b");
        Account c = signUp("ent-c");
        String admin = adminToken();
        int before = QueryCounting.CUSTOMER_FINDS.size();
        DocumentContext r = gql(ENTITIES, Map.of("r", representations(a.id(), b.id(), c.id(), "no-such-id")), admin);
        List<String> finds = List.copyOf(QueryCounting.CUSTOMER_FINDS.subList(before, QueryCounting.CUSTOMER_FINDS.size()));
        assertThat((List<String>) r.read("$.data._entities[0:3].email")).containsExactly(a.email(), b.email(), c.email());
        assertThat((Object) r.read("$.data._entities[3]")).isNull();
        // Counted by the ids they look for: background sweeps (outbox, tombstones) also find on customers meanwhile.
        List<String> byTheseIds = finds.stream()
                .filter(f -> f.contains(a.id()) || f.contains(b.id()) || f.contains(c.id()) || f.contains("no-such-id")).toList();
        assertThat(byTheseIds).as("find commands on customers for one _entities request").hasSize(1);
        assertThat(byTheseIds.getFirst()).contains(a.id(), b.id(), c.id(), "no-such-id");
    }

    @Test
    void aCustomerResolvesThemselfButNotOthers() {
        Account a = signUp("ent-self");
        Account b = signUp("ent-other");
        DocumentContext r = gql(ENTITIES, Map.of("r", representations(a.id(), b.id())), a.accessToken());
        assertThat((String) r.read("$.data._entities[0].email")).isEqualTo(a.email());
        assertThat((Object) r.read("$.data._entities[1]")).isNull();
        DocumentContext anonymous = gql(ENTITIES, Map.of("r", representations(a.id())));
        assertThat((Object) anonymous.read("$.data._entities[0]")).isNull();
    }
}
