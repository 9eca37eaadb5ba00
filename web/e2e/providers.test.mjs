// External sign-in in headless Chromium: the storefront's "Continue with …" on the sign-in page, the provider's own
// page (a small OpenID Connect provider on loopback, e2e/oidc-provider.mjs, that the stack is configured with as
// OIDC_ISSUER), the way back through /auth/callback, and linking/unlinking a provider on the account page.
//   scripts/web-e2e.sh starts the provider and a stack configured with it (OIDC_PROVIDER_NAME "Local ID")
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WEB_URL, accessibilityProblems, launchBrowser, newPage, screenshot } from './support.mjs';

const PROVIDER = process.env.OIDC_PROVIDER_NAME ?? 'Local ID';
const run = Date.now().toString(36);
const providerOnly = { name: 'Pat Provider', email: `provider-${run}@example.com` };
const withPassword = { name: 'Lin Linker', email: `linker-${run}@example.com`, password: 'linker password 1', providerEmail: `linker-id-${run}@example.com` };

let browser;
let shopper;
const accessibility = [];

async function capture(page, name) {
  await screenshot(page, name);
  accessibility.push(...(await accessibilityProblems(page)));
}

before(async () => {
  browser = await launchBrowser();
  shopper = await newPage(browser, 'customer');
});

after(async () => {
  await browser?.close();
});

function nav(page, name) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }); // not "Create account"
}

async function signOut(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' }).click();
  await nav(page, 'Sign in').waitFor();
}

/** On the provider's page: who signs in, then Continue (or Cancel). */
async function atProvider(page, { email, name }, decision = 'Continue') {
  await page.getByRole('heading', { level: 1, name: `${PROVIDER}: sign in` }).waitFor();
  assert.ok(page.url().startsWith(process.env.OIDC_ISSUER ?? 'http://127.0.0.1:'), page.url());
  if (decision === 'Continue') {
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
    await page.getByLabel('Full name').fill(name);
  }
  await page.getByRole('button', { name: decision }).click();
}

describe('external sign-in in a browser', () => {
  test('a new customer continues with the provider from the sign-in page and lands signed in where they were headed', async () => {
    const { page } = shopper;
    await page.goto(`${WEB_URL}/sign-in?next=${encodeURIComponent('/orders')}`);
    const continueWith = page.getByRole('button', { name: `Continue with ${PROVIDER}` });
    await continueWith.waitFor();
    await capture(page, 'sign-in-with-providers');
    await continueWith.click();
    await atProvider(page, providerOnly);
    await page.getByRole('heading', { level: 1, name: 'Your orders' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/orders');

    await page.goto(`${WEB_URL}/account`);
    await page.getByText(`${providerOnly.email} — verified`).waitFor();
    await page.getByText(new RegExp(`^${PROVIDER} — linked `)).waitFor();
    await page.getByText('You sign in with a provider.').waitFor();
    await capture(page, 'account-provider-only');
  });

  test('an account whose only sign-in method is the provider cannot unlink it, and is told why', async () => {
    const { page } = shopper;
    await page.getByRole('button', { name: `Unlink ${PROVIDER}` }).click();
    await page.getByRole('alert').filter({ hasText: 'This is the only way to sign in to this account' }).waitFor();
    await page.getByText(new RegExp(`^${PROVIDER} — linked `)).waitFor();
    await capture(page, 'unlink-last-method-refused');
  });

  test('cancelling at the provider brings the customer back with a message and a way to start again', async () => {
    const { page } = shopper;
    await signOut(page);
    await page.goto(`${WEB_URL}/sign-in`);
    await page.getByRole('button', { name: `Continue with ${PROVIDER}` }).click();
    await atProvider(page, providerOnly, 'Cancel');
    await page.getByRole('heading', { level: 1, name: 'Sign-in did not work' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'The sign-in was cancelled at the provider.' }).waitFor();
    assert.equal(new URL(page.url()).search, '', 'the provider’s answer leaves the address bar');
    await capture(page, 'provider-cancelled');
    // the same answer again (reload, back button) is not finished twice
    await page.reload();
    await page.getByRole('alert').filter({ hasText: 'not started in this browser tab, or it was already finished' }).waitFor();
    await page.getByRole('link', { name: 'Back to sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  });

  test('a customer with a password links the provider on the account page, then signs in with it, then unlinks it', async () => {
    const { page } = shopper;
    await page.goto(`${WEB_URL}/sign-up`);
    await page.getByLabel('Name').fill(withPassword.name);
    await page.getByLabel('Email').fill(withPassword.email);
    await page.getByLabel('Password').fill(withPassword.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Catalog' }).waitFor();
    await page.goto(`${WEB_URL}/account`);
    await page.getByText(`${PROVIDER} — not linked`).waitFor();

    await page.getByRole('button', { name: `Link ${PROVIDER}` }).click();
    await atProvider(page, { email: withPassword.providerEmail, name: withPassword.name });
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByRole('status').filter({ hasText: `${PROVIDER} is linked: you can sign in with it.` }).waitFor();
    await page.getByText(new RegExp(`^${PROVIDER} — linked `)).waitFor();
    await capture(page, 'account-provider-linked');

    await signOut(page);
    await page.goto(`${WEB_URL}/sign-in`);
    await page.getByRole('button', { name: `Continue with ${PROVIDER}` }).click();
    await atProvider(page, { email: withPassword.providerEmail, name: withPassword.name });
    await nav(page, 'Account').waitFor(); // signed in (the header fills in as it loads: go by address, not by a moving link)
    await page.goto(`${WEB_URL}/account`);
    await page.getByText(`${withPassword.email} · customer since`).waitFor(); // the linked account, not a new one

    await page.getByRole('button', { name: `Unlink ${PROVIDER}` }).click();
    await page.getByRole('status').filter({ hasText: `${PROVIDER} is no longer linked.` }).waitFor();
    await page.getByRole('button', { name: `Link ${PROVIDER}` }).waitFor();
    await capture(page, 'account-provider-unlinked');
  });

  test('no page errors, no accessibility problems on the pages visited', () => {
    assert.deepEqual(shopper.problems, []);
    assert.deepEqual(accessibility, []);
  });
});
