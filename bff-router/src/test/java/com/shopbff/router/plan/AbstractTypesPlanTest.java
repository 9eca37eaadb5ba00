package com.shopbff.router.plan;

import com.shopbff.router.support.PlanSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Interfaces, unions and @interfaceObject with members in different subgraphs. Snapshot tests of the printed plan over {@code supergraphs/abstract.graphql}. */
class AbstractTypesPlanTest {
    private final PlanSupport plans = PlanSupport.load("abstract.graphql");

    private void assertPlan(String query, String expected) {
        assertEquals(expected, plans.plan(query));
    }

    @Test
    void typeConditionsOnAnInterfaceJumpPerConcreteType() {
        assertPlan("""
                { library { __typename id title ... on Book { pages } ... on Movie { minutes } } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "media") {
                      { library { __typename ... on Book { __typename id title } ... on Movie { __typename id title } } }
                    }
                    Parallel {
                      Flatten(path: "library.@") {
                        Fetch(service: "books") {
                          { ... on Book { id } } =>
                          { ... on Book { pages } }
                        }
                      }
                      Flatten(path: "library.@") {
                        Fetch(service: "movies") {
                          { ... on Movie { id } } =>
                          { ... on Movie { minutes } }
                        }
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void interfaceObjectFieldsAreFetchedWithTheInterfaceAsTypename() {
        assertPlan("""
                { library { title rating } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "media") {
                      { library { __typename ... on Book { title id __typename } ... on Movie { title id __typename } } }
                    }
                    Flatten(path: "library.@") {
                      Fetch(service: "ratings") {
                        { ... on Book as Media { id } ... on Movie as Media { id } } =>
                        { ... on Media { rating } }
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void interfaceObjectSubgraphAloneWhenOnlyItsFieldsAreAsked() {
        assertPlan("""
                { topRated { id rating } }
                """, """
                QueryPlan {
                  Fetch(service: "ratings") {
                    { topRated { __typename id rating } }
                  }
                }
                """);
    }

    @Test
    void interfaceObjectResultsAskTheInterfaceOwnerForTheConcreteType() {
        assertPlan("""
                { topRated { id title ... on Movie { minutes } } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "ratings") {
                      { topRated { __typename id } }
                    }
                    Flatten(path: "topRated.@") {
                      Fetch(service: "media") {
                        { ... on Media { id } } =>
                        { ... on Media { __typename ... on Book { id __typename } ... on Movie { id __typename } } }
                      }
                    }
                    Parallel {
                      Flatten(path: "topRated.@") {
                        Fetch(service: "media") {
                          { ... on Book { id } ... on Movie { id } } =>
                          { ... on Book { id title } ... on Movie { id title } }
                        }
                      }
                      Flatten(path: "topRated.@") {
                        Fetch(service: "movies") {
                          { ... on Movie { id } } =>
                          { ... on Movie { minutes } }
                        }
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void unionMembersInOtherSubgraphsAreJoinedPerMember() {
        assertPlan("""
                { search { ... on Media { title } ... on Author { name } ... on Book { pages } } }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "media") {
                      { search { __typename ... on Book { title id __typename } ... on Movie { title } ... on Author { name } } }
                    }
                    Flatten(path: "search.@") {
                      Fetch(service: "books") {
                        { ... on Book { id } } =>
                        { ... on Book { pages } }
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void namedFragmentsAndTypenameOnUnions() {
        assertPlan("""
                query { search { __typename ...B } } fragment B on Book { id pages }
                """, """
                QueryPlan {
                  Sequence {
                    Fetch(service: "media") {
                      { search { __typename ... on Book { __typename id } } }
                    }
                    Flatten(path: "search.@") {
                      Fetch(service: "books") {
                        { ... on Book { id } } =>
                        { ... on Book { pages } }
                      }
                    }
                  }
                }
                """);
    }
}
