#!/usr/bin/env node
// Puts the persisted-documents manifest (written by GraphQL Code Generator into src/gql/) where the router's
// trusted-documents configuration of the local stack reads it: web/target/persisted-documents.json.
import { copyFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(here, 'src', 'gql', 'persisted-documents.json');
const to = join(here, 'target', 'persisted-documents.json');
copyFileSync(from, to);
console.log(`web: ${Object.keys(JSON.parse(readFileSync(from, 'utf8'))).length} persisted documents in ${to}`);
