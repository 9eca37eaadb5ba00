#!/usr/bin/env node
// Composes the five subgraph SDL files into the Federation 2 supergraph with Apollo's composer, and prints the
// supergraph's API schema (what clients see: no join__/link__ machinery, no @inaccessible elements), which the web
// clients' code generator reads.
//   node compose.mjs          writes supergraph.graphql and api-schema.graphql
//   node compose.mjs --check  exits 1 when either checked-in file is not what composition produces
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { Supergraph, printSchema, ROUTER_SUPPORTED_SUPERGRAPH_FEATURES } from '@apollo/federation-internals';
import { parse } from 'graphql';

const here = dirname(fileURLToPath(import.meta.url));
// Subgraph name -> default URL. The router may override URLs by configuration.
const subgraphs = [
  ['customer', 'http://localhost:4001/graphql'],
  ['catalog', 'http://localhost:4002/graphql'],
  ['orders', 'http://localhost:4003/graphql'],
  ['wallet', 'http://localhost:4004/graphql'],
  ['notifications', 'http://localhost:4005/graphql'],
];

const services = subgraphs.map(([name, url]) => ({
  name,
  url,
  typeDefs: parse(readFileSync(join(here, 'subgraphs', `${name}.graphql`), 'utf8')),
}));
const result = composeServices(services);
if (result.errors && result.errors.length) {
  for (const e of result.errors) console.error(`composition error: ${e.message}`);
  process.exit(2);
}
for (const h of result.hints || []) if (process.env.COMPOSE_HINTS) console.error(`hint: ${h.message}`);

const composed = withNewline(result.supergraphSdl);
const api = '# The API schema of schema/supergraph.graphql, written by schema/compose.sh: do not edit.\n'
  // the router's feature set: the security specs (@authenticated, @requiresScopes, @policy) are enforced by bff-router
  + withNewline(printSchema(Supergraph.build(composed, { supportedFeatures: ROUTER_SUPPORTED_SUPERGRAPH_FEATURES }).apiSchema()));
const outputs = [['supergraph.graphql', composed], ['api-schema.graphql', api]];

if (process.argv.includes('--check')) {
  const stale = outputs.filter(([file, text]) => {
    const path = join(here, file);
    return !existsSync(path) || readFileSync(path, 'utf8') !== text;
  });
  for (const [file] of stale) {
    console.error(`schema/${file} is stale: run \`node schema/compose.mjs\` (or ./schema/compose.sh) and commit it`);
  }
  if (stale.length) process.exit(1);
  console.log('supergraph check: schema/supergraph.graphql and schema/api-schema.graphql match the composition of schema/subgraphs/*.graphql');
} else {
  for (const [file, text] of outputs) {
    writeFileSync(join(here, file), text);
    console.log(`wrote ${join(here, file)}`);
  }
}

function withNewline(text) {
  return text.endsWith('\n') ? text : text + '\n';
}
