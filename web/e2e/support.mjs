// Shared by the browser tests: the headless Chromium of the machine (Debian's package), the stack's addresses, and
// screenshots kept as build artifacts.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const WEB_URL = (process.env.WEB_URL ?? 'http://localhost:4080').replace(/\/$/, '');
export const ADMIN_EMAIL = process.env.ADMIN_EMAIL ?? 'admin@example.com';
export const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD ?? 'admin12345';
export const RESULTS_DIR = process.env.RESULTS_DIR ?? join(repo, 'results', 'web-e2e');
/** How long a live update (saga step, subscription event) may take on a busy 2-core machine. */
export const LIVE_TIMEOUT = Number(process.env.E2E_LIVE_TIMEOUT_MS ?? 45_000);

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run'],
  });
}

/** A browser context (its own localStorage: its own session) whose console errors and failed requests are kept. */
export async function newPage(browser, name) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
  context.setDefaultTimeout(Number(process.env.E2E_ACTION_TIMEOUT_MS ?? 20_000));
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`${name}: page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${name}: console error: ${m.text()}`);
  });
  return { context, page, problems };
}

let shot = 0;
/** Saves a full-page screenshot as RESULTS_DIR/NN-name.png. */
export async function screenshot(page, name) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  shot += 1;
  const file = join(RESULTS_DIR, `${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** "$1,234.50" -> 1234.5 */
export function amountOf(text) {
  const n = Number(String(text).replace(/[^0-9.-]/g, ''));
  if (Number.isNaN(n)) throw new Error(`not an amount: ${text}`);
  return n;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is now and returns the serious and critical violations,
 * one line each. Evaluated through the DevTools protocol, so the page's Content-Security-Policy stays on.
 */
export async function accessibilityProblems(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(`${axeSource};0`);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${page.url()}: ${v.id} (${v.impact}) ${v.help} — ${v.targets.join(', ')}`);
}
