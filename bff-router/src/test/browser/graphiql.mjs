#!/usr/bin/env node
// GraphiQL in a real browser: opens the router's /graphiql in headless Chromium with no network beyond loopback,
// checks that the docs explorer shows the schema, runs a query and a subscription with a token from the headers
// editor (over HTTP, then in the WebSocket connection_init payload), reads the results from the page and keeps a
// screenshot.
//   node graphiql.mjs ROUTER_URL AUTHORIZATION SCREENSHOT_DIR
// Prints one line per check and "GRAPHIQL BROWSER TEST PASSED" at the end; exits 1 on the first failure.
import { chromium } from 'playwright-core';

const [base, authorization, shots] = process.argv.slice(2);
if (!base || !authorization || !shots) {
  console.error('usage: node graphiql.mjs ROUTER_URL AUTHORIZATION SCREENSHOT_DIR');
  process.exit(2);
}
const loopback = (u) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(u).hostname);
const outside = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage'],
});
let failed = false;
const check = (name, ok, detail) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : ': ' + detail}`);
  if (!ok) failed = true;
  return ok;
};
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // nothing but loopback: a CDN request would be refused here (and reported)
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('data:') || loopback(u)) return route.continue();
    outside.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  const headers = JSON.stringify({ Authorization: authorization }, null, 2);
  const query = '{\n  me {\n    name\n  }\n  hello\n}';
  await page.goto(`${base}/graphiql?query=${encodeURIComponent(query)}&headers=${encodeURIComponent(headers)}`);
  await page.waitForSelector('.graphiql-container', { timeout: 30000 });
  check('GraphiQL renders from the router\'s own assets', true);

  // docs explorer: the schema came through introspection
  await page.click('[aria-label="Show Documentation Explorer"]', { timeout: 15000 });
  await page.waitForSelector('.graphiql-doc-explorer >> text=Query', { timeout: 30000 });
  await page.click('.graphiql-doc-explorer a.graphiql-doc-explorer-type-name >> text=Query');
  const docs = await page.waitForSelector('.graphiql-doc-explorer >> text=productPage', { timeout: 15000 }).then(() => true, () => false);
  check('docs explorer lists the schema\'s root fields', docs, 'no "productPage" field in the explorer');

  const responseText = () => page.evaluate(() => {
    const cm = document.querySelector('.graphiql-response .CodeMirror');
    return cm && cm.CodeMirror ? cm.CodeMirror.getValue() : (document.querySelector('.graphiql-response') || {}).innerText || '';
  });
  const waitForResponse = async (predicate, ms) => {
    const until = Date.now() + ms;
    let last = '';
    while (Date.now() < until) {
      last = await responseText();
      if (predicate(last)) return last;
      await page.waitForTimeout(200);
    }
    return last;
  };

  await page.click('.graphiql-execute-button');
  const q = await waitForResponse((t) => t.includes('"hello"'), 30000);
  check('query over HTTP with the headers editor\'s token', q.includes('"name": "Ann"') && q.includes('"hello": "world"') && !q.includes('errors'), q);

  await page.evaluate(() => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror
    .setValue('subscription {\n  ticks {\n    n\n    viewer\n  }\n}'));
  await page.waitForTimeout(500); // GraphiQL reads the operations of the new text
  await page.click('.graphiql-execute-button');
  const s = await waitForResponse((t) => t.includes('"n": 3'), 30000);
  check('subscription over WebSocket, token in connection_init', s.includes('"n": 3') && s.includes('"viewer": "u1"'), s);

  await page.screenshot({ path: `${shots}/graphiql-subscription.png`, fullPage: false });
  check('no request left loopback', outside.length === 0, outside.join(', '));
  check('no script errors on the page', consoleErrors.length === 0, consoleErrors.join('; '));
} catch (e) {
  check('browser session', false, e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : String(e));
} finally {
  await browser.close();
}
if (failed) process.exit(1);
console.log('GRAPHIQL BROWSER TEST PASSED');
