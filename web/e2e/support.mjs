// Shared by the browser tests: the headless Chromium of the machine (Debian's package), the stack's addresses, and
// screenshots kept as build artifacts.
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
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
  // a promise rejected with something that is not an Error reaches 'pageerror' as its type alone ("Object"): say what it held
  await context.addInitScript(() => {
    window.addEventListener('unhandledrejection', (event) => {
      const reason = event.reason;
      if (reason instanceof Error) return;
      let text;
      try {
        text = JSON.stringify(reason);
      } catch {
        text = String(reason);
      }
      console.error(`unhandled rejection with ${Object.prototype.toString.call(reason)}: ${text}`);
    });
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`${name}: page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${name}: console error: ${m.text()}`);
  });
  return { context, page, problems };
}

let shot = -1;
/** Saves a full-page screenshot as RESULTS_DIR/NN-name.png (numbered on from the files an earlier test file saved). */
export async function screenshot(page, name) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  if (shot < 0) shot = readdirSync(RESULTS_DIR).filter((f) => f.endsWith('.png')).length;
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

/** The stack's log (scripts/web-e2e.sh passes it): without SMTP, the local stack writes account emails there. */
export const STACK_LOG = process.env.STACK_LOG;
const LOGGED_EMAIL = 'account email (no SMTP server configured) to ';

/**
 * The links (`/verify-email?token=…`, `/reset-password?token=…`) of the account emails the stack has sent to `to`,
 * oldest first, read from the stack's log (LOG_ACCOUNT_LINKS, on in the local stack).
 */
export function mailedLinks(to, path) {
  if (!STACK_LOG) throw new Error('STACK_LOG is not set: run scripts/web-e2e.sh, or set STACK_LOG to the log of ./run.sh');
  if (!existsSync(STACK_LOG)) return [];
  const links = [];
  const link = new RegExp(`https?://[^\\s"\\\\]+/${path}\\?token=[^\\s"\\\\]+`, 'g');
  for (const email of readFileSync(STACK_LOG, 'utf8').split(LOGGED_EMAIL).slice(1)) {
    if (!email.startsWith(`${to}:`)) continue;
    links.push(...(email.match(link) ?? []));
  }
  return links;
}

/** Waits (LIVE_TIMEOUT at most) until the stack has mailed more than `seen` links of this kind to `to`; the newest. */
export async function awaitMailedLink(to, path, seen = 0) {
  const deadline = Date.now() + LIVE_TIMEOUT;
  for (;;) {
    const links = mailedLinks(to, path);
    if (links.length > seen) return links[links.length - 1];
    if (Date.now() > deadline) throw new Error(`no email with a /${path} link reached ${to} within ${LIVE_TIMEOUT} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
