// The account lifecycle in headless Chromium against ./run.sh's stack: the e-mail verification and password reset
// links the stack mails (read from its log: LOG_ACCOUNT_LINKS, on in the local stack), change of e-mail (the stack
// runs with SHOP_ACCOUNTS_EMAILRESENDINTERVAL=PT0S so that the change may follow the sign-up's e-mail at once) and of
// password, the data export downloaded as a file, and the admin console's privacy screens (audit of exports and
// erasures, closed wallets).
//   scripts/web-e2e.sh runs this with a fresh stack (STACK_LOG = that stack's log)
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  LIVE_TIMEOUT,
  WEB_URL,
  accessibilityProblems,
  awaitMailedLink,
  launchBrowser,
  newPage,
  screenshot,
} from './support.mjs';

const run = Date.now().toString(36);
const customer = {
  id: null,
  name: 'Ada Account',
  email: `account-${run}@example.com`,
  passwords: ['first password 1', 'second password 2', 'third password 3'],
};
let orderId;

let browser;
let shopper; // { context, page, problems }
let admin;
const accessibility = [];

async function capture(page, name) {
  await screenshot(page, name);
  accessibility.push(...(await accessibilityProblems(page)));
}

before(async () => {
  browser = await launchBrowser();
  shopper = await newPage(browser, 'customer');
  admin = await newPage(browser, 'admin');
});

after(async () => {
  await browser?.close();
});

function nav(page, name) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
}

/** The message of a form field the server refused (`userErrors` with that field). */
function fieldError(page, label) {
  return page.locator('.field.invalid').filter({ hasText: label }).locator('.field-error');
}

async function signIn(page, password) {
  await page.goto(`${WEB_URL}/sign-in`);
  await page.getByLabel('Email').fill(customer.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signOut(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' }).click();
  await nav(page, 'Sign in').waitFor();
}

describe('the account lifecycle in a browser', () => {
  test('a new customer verifies the e-mail address with the link the stack mailed; the used link is refused with a message', async () => {
    const { page } = shopper;
    await page.goto(`${WEB_URL}/sign-up`);
    await page.getByLabel('Name').fill(customer.name);
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password').fill(customer.passwords[0]);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Catalog' }).waitFor();
    await nav(page, 'Account').click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByText(`${customer.email} — not verified yet`).waitFor();

    const link = await awaitMailedLink(customer.email, 'verify-email');
    assert.ok(link.startsWith(`${WEB_URL}/verify-email?token=`), link);
    await page.goto(link);
    await page.getByRole('status').filter({ hasText: `${customer.email} is verified. Thank you.` }).waitFor();
    await capture(page, 'verify-email');

    await page.goto(link);
    await page.getByRole('alert').filter({ hasText: /This verification link (has already been used|is not valid)/ }).waitFor();
    await capture(page, 'verify-email-used');

    await page.goto(`${WEB_URL}/account`);
    await page.getByText(`${customer.email} — verified`).waitFor();
  });

  test('the customer changes the e-mail address: a wrong password is refused, the link mailed to the new address confirms it', async () => {
    const { page } = shopper;
    const newEmail = `account-new-${run}@example.com`;
    const form = page.getByRole('form', { name: 'Change email' });
    await form.getByLabel('New email').fill(newEmail);
    await form.getByLabel('Current password').fill('not my password');
    await form.getByRole('button', { name: 'Change email' }).click();
    await fieldError(form, 'Current password').filter({ hasText: 'The current password is incorrect.' }).waitFor();
    await form.getByLabel('Current password').fill(customer.passwords[0]);
    await form.getByRole('button', { name: 'Change email' }).click();
    await page.getByText('A link to confirm the new address is on its way there.').waitFor();
    await page.getByText(`Changing to ${newEmail}: open the link sent there to confirm.`).waitFor();
    await capture(page, 'change-email-pending');

    await page.goto(await awaitMailedLink(newEmail, 'verify-email'));
    await page.getByRole('status').filter({ hasText: `${newEmail} is verified. Thank you.` }).waitFor();
    customer.email = newEmail;
    await page.goto(`${WEB_URL}/account`);
    await page.getByText(`${customer.email} — verified`).waitFor();
  });

  test('the customer changes the password: a wrong current password is refused, the old password no longer signs in, the new one does', async () => {
    const { page } = shopper;
    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill('not my password');
    await form.getByLabel('New password').fill(customer.passwords[1]);
    await form.getByRole('button', { name: 'Change password' }).click();
    await fieldError(form, 'Current password').filter({ hasText: 'The current password is incorrect.' }).waitFor();
    await capture(page, 'change-password-refused');

    await form.getByLabel('Current password').fill(customer.passwords[0]);
    await form.getByLabel('New password').fill(customer.passwords[1]);
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed. Your other sessions have been signed out.').waitFor();

    await signOut(page);
    await signIn(page, customer.passwords[0]);
    await page.getByRole('alert').filter({ hasText: 'The email or the password is incorrect.' }).waitFor();
    await capture(page, 'sign-in-old-password');
    await signIn(page, customer.passwords[1]);
    await nav(page, 'Account').waitFor();
  });

  test('a forgotten password is set again from the link the stack mailed, which then cannot be used twice', async () => {
    const { page } = shopper;
    await signOut(page);
    await page.goto(`${WEB_URL}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('Email').fill(customer.email);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByRole('status').filter({ hasText: 'a link to set a new password is on its way' }).waitFor();

    const link = await awaitMailedLink(customer.email, 'reset-password');
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Set a new password' }).waitFor();
    await page.getByLabel('New password').fill(customer.passwords[2]);
    await page.getByRole('button', { name: 'Set the password and sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByText('Your password has been changed; every other session has been signed out.').waitFor();
    await capture(page, 'password-reset');

    // the link again, in a browser that is not signed in: refused next to the form, with a way to ask for a new one
    const other = await newPage(browser, 'other browser');
    await other.page.goto(link);
    await other.page.getByLabel('New password').fill('fourth password 4');
    await other.page.getByRole('button', { name: 'Set the password and sign in' }).click();
    await other.page.getByRole('alert').filter({ hasText: /This password reset link (has already been used|is not valid)/ }).waitFor();
    await other.page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    await capture(other.page, 'password-reset-used');
    // the password the reset set signs in
    await signIn(other.page, customer.passwords[2]);
    await nav(other.page, 'Account').waitFor();
    assert.deepEqual(other.problems, []);
    await other.context.close();
  });

  test('the customer orders, then downloads a data export that holds the profile and the order', async () => {
    const { page } = shopper;
    await nav(page, 'Wallet').click();
    await page.getByLabel('Amount').fill('500.00');
    await page.getByRole('button', { name: 'Top up' }).click();
    await page.getByText('Added 500.00').waitFor();
    await nav(page, 'Catalog').click();
    const card = page.locator('.product-card').filter({ has: page.getByRole('button', { name: /^Add to cart\s*:/, disabled: false }) }).first();
    await card.getByRole('button', { name: /^Add to cart\s*:/ }).click();
    await page.getByTestId('cart-count').filter({ hasText: '1' }).waitFor();
    await page.goto(`${WEB_URL}/checkout`);
    await page.getByLabel('Pick up at a warehouse').check();
    await page.getByLabel('Pickup point').selectOption({ index: 0 });
    await page.getByTestId('total').waitFor();
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/orders\/[^/]+$/);
    orderId = page.url().split('/').pop();

    await nav(page, 'Account').click();
    await page.getByRole('button', { name: 'Prepare a download of my data' }).click();
    const ready = page.locator('ul.exports li[data-status="READY"]');
    await ready.waitFor({ timeout: LIVE_TIMEOUT });
    await capture(page, 'data-export-ready');
    const [download] = await Promise.all([page.waitForEvent('download'), ready.getByRole('button', { name: 'Download (JSON)' }).click()]);
    assert.match(download.suggestedFilename(), /^my-shop-data-.+\.json$/);
    const data = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(data.format, 'shop-data-export/1');
    customer.id = data.customerId;
    const text = JSON.stringify(data);
    assert.ok(text.includes(customer.email), 'the export holds the e-mail address');
    assert.ok(text.includes(customer.name), 'the export holds the name');
    assert.ok(JSON.stringify(data.orders ?? null).includes(orderId), `the export's orders part holds order ${orderId}`);
    assert.ok(JSON.stringify(data.wallet ?? null).includes('500'), "the export's wallet part holds the top-up");
  });

  test('the admin finds the export and, once the customer has deleted the account, the erasure and the closed wallet', async () => {
    const { page } = shopper;
    await page.goto(`${WEB_URL}/account`);
    await page.getByLabel('Your password, to confirm').fill(customer.passwords[2]);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByText('Your account and personal data have been deleted.').waitFor();

    const a = admin.page;
    await a.goto(`${WEB_URL}/admin/`);
    await a.waitForURL(/\/admin\/sign-in/);
    await a.getByLabel('Email').fill(ADMIN_EMAIL);
    await a.getByLabel('Password').fill(ADMIN_PASSWORD);
    await a.getByRole('button', { name: 'Sign in' }).click();
    await a.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await a.getByRole('link', { name: 'Privacy' }).click();
    await a.getByRole('heading', { level: 1, name: 'Privacy' }).waitFor();

    const prefix = customer.id.slice(0, 8);
    const requests = a.getByRole('table').first();
    const wallets = a.getByRole('table').nth(1);
    /** The audit's rows of this customer of one kind (the Kind column's text, e.g. "Erasure", "Data export"). */
    const audit = (kind) => requests.getByRole('row').filter({ hasText: prefix }).filter({ has: a.getByRole('cell', { name: kind, exact: true }) });
    // the erasure goes on over Kafka: the page shows each step as it stands when loaded, so look again until it is done
    const deadline = Date.now() + LIVE_TIMEOUT;
    for (;;) {
      const erased = audit('Erasure').filter({ has: a.getByRole('cell', { name: /^Completed/ }) });
      const closed = wallets.getByRole('row').filter({ hasText: prefix });
      if ((await erased.count()) > 0 && (await closed.count()) > 0) break;
      assert.ok(Date.now() < deadline, `the erasure of ${customer.id} and its closed wallet were not listed within ${LIVE_TIMEOUT} ms`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await a.reload();
      await a.getByRole('heading', { level: 1, name: 'Privacy' }).waitFor();
      await a.locator('.loading').first().waitFor({ state: 'detached' });
    }
    await audit('Data export').first().waitFor();
    await capture(a, 'admin-privacy');

    await a.getByLabel('Kind').selectOption('ERASURE');
    await audit('Data export').first().waitFor({ state: 'detached' });
    await audit('Erasure').first().waitFor();

    // the erased customer's page in the console: anonymised, marked erased
    await requests.getByRole('link', { name: prefix }).first().click();
    await a.getByRole('heading', { level: 1, name: 'Erased customer' }).waitFor();
    await a.getByText(/^Erased on /).waitFor();
    await capture(a, 'admin-erased-customer');
  });

  test('no new page has a serious or critical accessibility problem, and none logged an error', () => {
    assert.deepEqual(accessibility, []);
    // Signing out and changing or resetting the password end sessions: a request still in flight with the old access
    // token may be answered 401 (Chromium logs it), which the client handles (refresh, or the signed-out state); what
    // the pages then show is asserted above.
    assert.deepEqual([...admin.problems, ...shopper.problems].filter((p) => !p.includes('status of 401')), []);
  });
});
