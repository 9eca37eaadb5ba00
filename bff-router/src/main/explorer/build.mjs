#!/usr/bin/env node
// Bundles GraphiQL (npm packages pinned by package-lock.json) into OUT_DIR/graphiql.js and graphiql.css.
//   node build.mjs OUT_DIR
// Installs the packages first when node_modules is missing or older than package-lock.json; rebuilds only when
// an input is newer than the bundle. Quiet unless something fails.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs OUT_DIR');
  process.exit(2);
}
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
const lock = join(here, 'package-lock.json');
const marker = join(here, 'node_modules', '.package-lock.json');
if (!existsSync(marker) || mtime(marker) < mtime(lock)) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here, stdio: ['ignore', 'ignore', 'inherit'] });
}
const js = join(out, 'graphiql.js');
const newest = Math.max(mtime(lock), mtime(join(here, 'build.mjs')),
  ...readdirSync(join(here, 'src')).map((f) => mtime(join(here, 'src', f))));
if (existsSync(js) && mtime(js) >= newest && existsSync(join(out, 'graphiql.css'))) process.exit(0);
mkdirSync(out, { recursive: true });
const { build } = await import(join(here, 'node_modules', 'esbuild', 'lib', 'main.js'));
await build({
  entryPoints: { graphiql: join(here, 'src', 'graphiql.jsx') },
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  outdir: out,
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl' },
  legalComments: 'linked',
  logLevel: 'error',
});
