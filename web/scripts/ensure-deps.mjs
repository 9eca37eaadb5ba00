#!/usr/bin/env node
// Installs the pinned npm packages (npm ci, from package-lock.json) when node_modules is missing or older than the
// lock file; otherwise does nothing, so that repeated builds stay fast and work offline.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const installed = join(here, 'node_modules', '.package-lock.json');
const lock = join(here, 'package-lock.json');
const stale = !existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs;
if (stale) {
  console.log('web: installing npm packages (npm ci) ...');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here, stdio: 'inherit' });
}
