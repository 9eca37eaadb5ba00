#!/usr/bin/env node
// Composes the five subgraph SDL files into the Federation 2 supergraph with Apollo's composer.
//   node compose.mjs          writes supergraph.graphql
//   node compose.mjs --check  exits 1 when the checked-in supergraph.graphql is not what composition produces
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
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

const out = join(here, 'supergraph.graphql');
const composed = result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : result.supergraphSdl + '\n';
if (process.argv.includes('--check')) {
  const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
  if (current !== composed) {
    console.error('schema/supergraph.graphql is stale: run `node schema/compose.mjs` (or ./schema/compose.sh) and commit it');
    process.exit(1);
  }
  console.log('supergraph check: schema/supergraph.graphql matches the composition of schema/subgraphs/*.graphql');
} else {
  writeFileSync(out, composed);
  console.log(`wrote ${out}`);
}
