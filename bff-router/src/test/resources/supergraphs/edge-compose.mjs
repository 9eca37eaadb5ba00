// Composes the test supergraph edge.graphql with Apollo's composer (installed by schema/compose.sh):
//   node bff-router/src/test/resources/supergraphs/edge-compose.mjs > bff-router/src/test/resources/supergraphs/edge.graphql
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), '../../../../../schema/package.json'));
const { composeServices } = require('@apollo/composition');
const { parse } = require('graphql');
const shop = `
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@cost", "@listSize", "@authenticated", "@requiresScopes", "@policy", "@composeDirective"])
  @link(url: "https://example.com/cacheControl/v1.0", import: ["@cacheControl"])
  @composeDirective(name: "@cacheControl")

enum CacheControlScope { PUBLIC PRIVATE }
directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION

type Query {
  hello: String @cacheControl(maxAge: 60)
  products(first: Int = 5): [Product!]! @listSize(slicingArguments: ["first"])
  productPage(first: Int, last: Int): ProductPage! @listSize(slicingArguments: ["first", "last"], sizedFields: ["items"], requireOneSlicingArgument: false, assumedSize: 20)
  product(id: ID!): Product @cacheControl(maxAge: 30)
  expensive: Int @cost(weight: 500)
  search(text: String @cost(weight: 50)): [Product!]! @listSize(assumedSize: 3)
  me: User @authenticated @cacheControl(maxAge: 10, scope: PRIVATE)
  users: [User!]! @requiresScopes(scopes: [["ADMIN"]])
  staffNote: String @policy(policies: [["staff"]])
}
type Mutation {
  rename(id: ID!, name: String!): Product @authenticated
}
type Subscription {
  ticks: Tick! @authenticated
}
type Product @key(fields: "id") @cacheControl(maxAge: 120) {
  id: ID!
  name: String
  price: Int @cost(weight: 2)
  related: [Product!]!
}
type Tick {
  n: Int!
  viewer: String
}
type ProductPage {
  items: [Product!]!
  total: Int
}
type User @key(fields: "id") {
  id: ID!
  name: String
  email: String @requiresScopes(scopes: [["ADMIN"], ["SELF"]])
}
`;
const reviews = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@authenticated"])
type User @key(fields: "id") {
  id: ID!
  orders: [String!]! @authenticated
}
`;
const r = composeServices([
  { name: 'shop', url: 'http://127.0.0.1:1/shop', typeDefs: parse(shop) },
  { name: 'reviews', url: 'http://127.0.0.1:1/reviews', typeDefs: parse(reviews) },
]);
if (r.errors) { console.error(r.errors.map((e) => e.message).join('\n')); process.exit(1); }
console.log(r.supergraphSdl);
