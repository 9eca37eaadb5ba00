package com.shopbff.router.edge;

import com.shopbff.router.support.TestSubgraph;

import java.util.List;
import java.util.Map;

import static com.shopbff.router.edge.EdgeStack.product;
import static com.shopbff.router.edge.EdgeStack.products;

/** The two subgraphs behind {@code supergraphs/edge.graphql}: {@code shop} and {@code reviews}. */
final class EdgeStackSubgraphs {
    private EdgeStackSubgraphs() {
    }

    static TestSubgraph shop() {
        return TestSubgraph.builder("""
                type Query {
                  hello: String
                  products(first: Int = 5): [Product!]!
                  productPage(first: Int, last: Int): ProductPage!
                  product(id: ID!): Product
                  expensive: Int
                  search(text: String): [Product!]!
                  me: User
                  users: [User!]!
                  staffNote: String
                }
                type Mutation { rename(id: ID!, name: String!): Product }
                type Product { id: ID! name: String price: Int related: [Product!]! }
                type ProductPage { items: [Product!]! total: Int }
                type User { id: ID! name: String email: String }
                """)
                .query("hello", "world")
                .fetcher("Query", "products", env -> products(env.getArgument("first")))
                .fetcher("Query", "productPage", env -> Map.of("items", products(3), "total", 3))
                .fetcher("Query", "product", env -> product(env.getArgument("id")))
                .fetcher("Query", "search", env -> products(2))
                .query("expensive", 42)
                .query("me", Map.of("id", "u1", "name", "Ann", "email", "ann@example.com"))
                .query("users", List.of(Map.of("id", "u1", "name", "Ann", "email", "ann@example.com")))
                .query("staffNote", "be kind")
                .mutation("rename", env -> product(env.getArgument("id")))
                .fetcher("Product", "related", env -> products(2))
                .entityTable("User", "id", List.of(Map.of("id", "u1", "name", "Ann", "email", "ann@example.com")))
                .start();
    }

    static TestSubgraph reviews() {
        return TestSubgraph.builder("""
                type Query { _r: Int }
                type User { id: ID! orders: [String!]! }
                """).entityTable("User", "id", List.of(Map.of("id", "u1", "orders", List.of("o1", "o2")))).start();
    }
}
