// End to end in headless Chromium against ./run.sh's stack: the storefront and the admin console on their own
// origin, the router's API on another (CORS), live updates over graphql-transport-ws.
//   WEB_URL=http://localhost:4080 node --test e2e/     (scripts/web-e2e.sh starts a fresh stack and runs this)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, LIVE_TIMEOUT, WEB_URL, accessibilityProblems, amountOf, launchBrowser, newPage, screenshot } from './support.mjs';

const run = Date.now().toString(36);
const productName = `Lantern ${run}`;
const promoCode = `E2E10-${run}`.toUpperCase();
const customer = { name: 'Erin Example', email: `e2e-${run}@example.com`, password: 'correct horse 42' };

let browser;
let admin; // { context, page, problems }
let shopper;
const orders = {}; // pickup / delivery: { id, number, total }
const accessibility = []; // axe-core findings, page by page

/** Screenshot and accessibility audit of the page as it is now. */
async function capture(page, name) {
  await screenshot(page, name);
  accessibility.push(...(await accessibilityProblems(page)));
}

before(async () => {
  browser = await launchBrowser();
  admin = await newPage(browser, 'admin');
  shopper = await newPage(browser, 'customer');
});

after(async () => {
  await browser?.close();
});

/** Waits until the order page open in `page` shows `status` (no reload: the subscription brings it). */
async function waitForLiveStatus(page, status) {
  await page.locator(`.live-status[data-status="${status}"]`).waitFor({ timeout: LIVE_TIMEOUT });
}

/** The wallet page's balance reaches `amount` (it follows top-ups, payments and refunds without a reload). */
async function waitForBalance(page, amount) {
  await page.waitForFunction(
    (want) => {
      const text = document.querySelector('[data-testid="balance"]')?.textContent ?? '';
      return Math.abs(Number(text.replace(/[^0-9.-]/g, '')) - want) < 0.005;
    },
    amount,
    { timeout: LIVE_TIMEOUT },
  );
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The add-to-cart button of a product (its accessible name carries the product's name). */
function addButton(scope, name) {
  return scope.getByRole('button', { name: new RegExp(`^Add to cart\\s*:\\s*${escapeRegExp(name)}$`) });
}

/** A link of the site's main navigation. */
function nav(page, name) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
}

async function unreadBadge(page) {
  const badge = page.getByTestId('unread-badge');
  return (await badge.count()) === 0 ? 0 : Number(await badge.textContent());
}

describe('the shop in a browser', () => {
  test('the admin signs in and adds a product', async () => {
    const { page } = admin;
    await page.goto(`${WEB_URL}/admin/`);
    await page.waitForURL(/\/admin\/sign-in/);
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

    await page.getByRole('link', { name: 'Products' }).click();
    await page.getByRole('link', { name: 'New product' }).click();
    await page.getByLabel('Name').fill(productName);
    await page.getByLabel('Description').fill('A paper lantern, made for the browser test.');
    await page.getByLabel('Price').fill('12.00');
    await page.getByLabel('Stock').fill('10');
    // a field-level userError first: a negative price is refused next to the price
    await page.getByLabel('Price').fill('-1');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.locator('.field.invalid').filter({ hasText: 'Price' }).locator('.field-error').waitFor();
    await page.getByLabel('Price').fill('12.00');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByRole('heading', { level: 1, name: productName }).waitFor();
    await page.getByText(`Created ${productName}.`).waitFor();
    await capture(page, 'admin-product');

    await page.getByRole('link', { name: 'Promo codes' }).click();
    await page.getByLabel('Code', { exact: true }).fill(promoCode);
    await page.getByLabel('Percent off').fill('10');
    await page.getByRole('button', { name: 'Create promo code' }).click();
    await page.getByRole('row', { name: new RegExp(promoCode) }).waitFor();
  });

  test('a visitor pages through the catalog, fills a guest cart, signs up and finds the cart again', async () => {
    const { page } = shopper;
    await page.goto(`${WEB_URL}/`);
    await page.getByRole('heading', { level: 1, name: 'Catalog' }).waitFor();
    const cards = page.locator('.product-card');
    await cards.nth(19).waitFor();
    assert.equal(await cards.count(), 20);
    await page.getByRole('button', { name: 'Load more' }).click();
    await cards.nth(39).waitFor();
    assert.equal(await cards.count(), 40);
    await capture(page, 'catalog');

    const first = cards.filter({ has: page.getByRole('button', { name: /^Add to cart\s*:/, disabled: false }) }).first();
    const guestProduct = (await first.getByRole('heading').textContent()).trim();
    await addButton(first, guestProduct).click();
    await first.getByText(`${guestProduct} added to your cart.`).waitFor();
    await page.getByTestId('cart-count').filter({ hasText: '1' }).waitFor();
    await nav(page, /^Cart/).click();
    await page.getByRole('row', { name: new RegExp(escapeRegExp(guestProduct)) }).waitFor();
    await page.getByRole('link', { name: 'Sign in to check out' }).waitFor();

    await nav(page, 'Create account').click();
    await page.getByLabel('Name').fill(customer.name);
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password').fill(customer.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await nav(page, 'Account').waitFor();
    await page.getByText('The cart you filled before signing in is in your cart now (1 item).').waitFor();
    await nav(page, /^Cart/).click();
    await page.getByRole('row', { name: new RegExp(escapeRegExp(guestProduct)) }).waitFor();
    await page.getByRole('button', { name: `Remove ${guestProduct} from the cart` }).click();
    await page.getByText('Your cart is empty.').waitFor();
  });

  test('the customer tops up the wallet', async () => {
    const { page } = shopper;
    await nav(page, 'Wallet').click();
    await page.getByTestId('balance').waitFor();
    await page.getByLabel('Amount').fill('100.00');
    await page.getByRole('button', { name: 'Top up' }).click();
    await page.getByText('Added 100.00').waitFor();
    await waitForBalance(page, 100);
    await page.locator('tr[data-kind="TOP_UP"]').first().waitFor();
    await capture(page, 'wallet-topped-up');
  });

  test('the customer finds the product the admin added and puts two in the cart', async () => {
    const { page } = shopper;
    await nav(page, 'Catalog').click();
    await page.getByLabel('Search').fill('lantern');
    // names are suggested while typing
    await page.locator(`datalist option[value="${productName}"]`).waitFor({ state: 'attached' });
    await page.getByLabel('Search').fill(`lantern ${run}`);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('1 product', { exact: true }).waitFor();
    // the facets count the match in its category
    await page.getByRole('complementary', { name: 'Refine' }).getByText('(1)').first().waitFor();
    await page.getByRole('link', { name: productName }).click();
    await page.getByRole('heading', { level: 1, name: productName }).waitFor();
    await page.getByLabel('Quantity').fill('2');
    await addButton(page, productName).click();
    await page.getByText(`${productName} added to your cart.`).waitFor();
    await capture(page, 'product');
    await nav(page, /^Cart/).click();
    await page.getByRole('heading', { level: 1, name: 'Your cart' }).waitFor();
    assert.equal(await page.getByLabel(`Quantity of ${productName}`).inputValue(), '2');
    await capture(page, 'cart');
  });

  test('checkout with pickup: the order reaches CONFIRMED live and the unread badge rises', async () => {
    const { page } = shopper;
    const unreadBefore = await unreadBadge(page);
    await page.getByRole('link', { name: 'Go to checkout' }).click();
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    await page.getByLabel('Pick up at a warehouse').check();
    await page.getByLabel('Pickup point').selectOption({ index: 0 });
    // a promo code that does not exist is refused next to its field, and nothing is placed
    await page.getByLabel('Promo code (optional)').fill('NO-SUCH-CODE');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.locator('.field.invalid').filter({ hasText: 'Promo code' }).locator('.field-error').waitFor();
    await page.getByLabel('Promo code (optional)').fill('');
    // the price before placing: the quote for this delivery, no promo code
    await page.getByTestId('discount').filter({ hasText: '0.00' }).waitFor();
    const quoted = amountOf(await page.getByTestId('total').textContent());
    assert.ok(quoted >= 24, `quoted ${quoted}`);
    await capture(page, 'checkout-pickup');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/orders\/[^/]+$/);
    orders.pickup = { id: page.url().split('/').pop() };
    await waitForLiveStatus(page, 'CONFIRMED');
    orders.pickup.total = amountOf(await page.getByTestId('total').textContent());
    assert.equal(orders.pickup.total, quoted);
    await page.waitForFunction((before) => Number(document.querySelector('[data-testid="unread-badge"]')?.textContent ?? 0) > before, unreadBefore, {
      timeout: LIVE_TIMEOUT,
    });
    await capture(page, 'order-pickup-confirmed');
    await nav(page, /^Notifications/).click();
    await page.getByText(/confirmed/i).first().waitFor();
    await capture(page, 'notifications');
  });

  test('checkout with delivery to a new address, then the admin advances it and the open page follows', async () => {
    const { page } = shopper;
    await nav(page, 'Catalog').click();
    await page.getByLabel('Search').fill(`lantern ${run}`);
    await page.getByRole('button', { name: 'Search' }).click();
    await addButton(page, productName).click();
    await page.getByText(`${productName} added to your cart.`).waitFor();
    await page.goto(`${WEB_URL}/checkout`);
    await page.getByLabel('Deliver to a new address').check();
    await page.getByLabel('Street and number').fill('1 Test Street');
    await page.getByLabel('City').fill('Springfield');
    await page.getByLabel('Postal code').fill('12345');
    await page.getByLabel('Country (two-letter code)').fill('US');
    await page.getByLabel('Promo code (optional)').fill(promoCode);
    await page.getByTestId('discount').filter({ hasText: '1.20' }).waitFor(); // 10 % of 12.00, before placing
    const quoted = amountOf(await page.getByTestId('total').textContent());
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/orders\/[^/]+$/);
    orders.delivery = { id: page.url().split('/').pop() };
    await waitForLiveStatus(page, 'CONFIRMED');
    orders.delivery.total = amountOf(await page.getByTestId('total').textContent());
    assert.equal(orders.delivery.total, quoted);
    assert.equal(amountOf(await page.getByTestId('discount').textContent()), 1.2); // "−$1.20"

    const a = admin.page;
    await a.goto(`${WEB_URL}/admin/orders/${orders.delivery.id}`);
    await a.getByRole('button', { name: 'Mark as assembling' }).click();
    await a.locator('.status-assembling').first().waitFor();
    await capture(a, 'admin-order');
    // the customer's page, opened before and never reloaded, shows the new status
    await waitForLiveStatus(page, 'ASSEMBLING');
    await capture(page, 'order-delivery-assembling');
  });

  test('the customer cancels the pickup order and sees the refund in the wallet', async () => {
    const { page } = shopper;
    await page.goto(`${WEB_URL}/orders/${orders.pickup.id}`);
    await waitForLiveStatus(page, 'CONFIRMED');
    await page.getByRole('button', { name: 'Cancel this order…' }).click();
    await page.getByLabel('Reason (optional)').fill('changed my mind');
    await page.getByRole('button', { name: 'Cancel the order' }).click();
    await waitForLiveStatus(page, 'CANCELLED');
    await nav(page, 'Wallet').click();
    const refund = page.locator('tr[data-kind="REFUND"]');
    await refund.first().waitFor({ timeout: LIVE_TIMEOUT });
    assert.equal(amountOf(await refund.first().locator('td.money').first().textContent()), orders.pickup.total);
    await waitForBalance(page, 100 - orders.delivery.total);
    await capture(page, 'wallet-refunded');
  });

  test('on a second device (keyboard only, subscriptions over SSE) the customer follows the delivery live', async () => {
    const device = await newPage(browser, 'second device');
    const { page } = device;
    // this device's clients are configured for graphql-sse instead of WebSockets
    await page.route('**/config.json', async (route) => {
      const config = await (await route.fetch()).json();
      await route.fulfill({ json: { ...config, subscriptions: 'sse' } });
    });
    const sockets = [];
    const streams = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    page.on('request', (r) => {
      if ((r.headers().accept ?? '').includes('text/event-stream')) streams.push(r.url());
    });

    await page.goto(`${WEB_URL}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('type')), 'email');
    await page.keyboard.type(customer.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(customer.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Catalog' }).waitFor();

    await page.goto(`${WEB_URL}/orders/${orders.delivery.id}`);
    await waitForLiveStatus(page, 'ASSEMBLING');
    await admin.page.goto(`${WEB_URL}/admin/orders/${orders.delivery.id}`);
    await admin.page.getByRole('button', { name: 'Mark as out for delivery' }).click();
    await waitForLiveStatus(page, 'OUT_FOR_DELIVERY');
    assert.deepEqual(sockets, []);
    assert.ok(streams.length > 0, 'the subscription went over an event stream');

    // an access token the API refuses is refreshed once, transparently, with the refresh token rotated
    const key = 'shop.storefront.session';
    const before = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), key);
    await page.evaluate(([k, s]) => localStorage.setItem(k, JSON.stringify({ ...s, accessToken: 'not.a.token' })), [key, before]);
    await page.goto(`${WEB_URL}/wallet`);
    await page.getByTestId('balance').waitFor();
    const after = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), key);
    assert.notEqual(after.refreshToken, before.refreshToken);
    assert.notEqual(after.accessToken, 'not.a.token');

    // a session the server no longer knows ends with a clear message, not a broken page
    await page.evaluate(([k, s]) => localStorage.setItem(k, JSON.stringify({ ...s, accessToken: 'not.a.token', refreshToken: 'revoked' })), [key, after]);
    await page.goto(`${WEB_URL}/orders`);
    await page.getByText('Your session has expired. Please sign in again.').waitFor();
    await capture(page, 'session-expired');
    assert.deepEqual(device.problems.filter((p) => !p.includes('401')), []);
    await device.context.close();
  });

  test('the dashboard charts show the day\'s revenue', async () => {
    const { page } = admin;
    await page.getByRole('link', { name: 'Dashboard' }).click();
    const today = new Date().toISOString().slice(0, 10);
    const row = page.getByTestId('revenue-table').locator('tr', { has: page.locator(`th:text-is("${today}")`) });
    await row.waitFor();
    assert.ok(amountOf(await row.locator('td.money').textContent()) >= orders.delivery.total);
    const chart = page.getByTestId('revenue-chart');
    assert.match(await chart.getAttribute('aria-label'), new RegExp(today));
    await chart.locator('.recharts-line-curve').waitFor();
    await page.getByTestId('status-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await capture(page, 'admin-dashboard');
  });

  test('the remaining pages render without errors', async () => {
    for (const [path, heading, name] of [
      ['/orders', 'Your orders', 'orders'],
      ['/stats', 'Your statistics', 'stats'],
      ['/account', 'Your account', 'account'],
    ]) {
      await shopper.page.goto(`${WEB_URL}${path}`);
      await shopper.page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await capture(shopper.page, name);
    }
    for (const [path, heading, name] of [
      ['/admin/orders', 'Orders', 'admin-orders'],
      ['/admin/customers', 'Customers', 'admin-customers'],
      ['/admin/categories', 'Categories', 'admin-categories'],
      ['/admin/pickup-points', 'Pickup points', 'admin-pickup-points'],
      ['/admin/promo-codes', 'Promo codes', 'admin-promo-codes'],
    ]) {
      await admin.page.goto(`${WEB_URL}${path}`);
      await admin.page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await admin.page.locator('.loading').first().waitFor({ state: 'detached' });
      await capture(admin.page, name);
    }
    await admin.page.goto(`${WEB_URL}/admin/customers`);
    await admin.page.getByLabel('Email or name').fill(customer.email);
    await admin.page.getByRole('button', { name: 'Search' }).click();
    await admin.page.getByRole('link', { name: customer.name }).click();
    await admin.page.getByRole('heading', { level: 1, name: customer.name }).waitFor();
    await admin.page.getByText(/Balance:/).waitFor();
    await capture(admin.page, 'admin-customer');
    assert.deepEqual([...admin.problems, ...shopper.problems], []);
  });

  test('no page has a serious or critical accessibility problem (axe-core, WCAG 2.1 AA)', () => {
    assert.deepEqual(accessibility, []);
  });

  test('the customer deletes the account and is signed out', async () => {
    const { page } = shopper;
    await page.goto(`${WEB_URL}/account`);
    await page.getByLabel('Your password, to confirm').fill('wrong password');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.locator('.field.invalid').filter({ hasText: 'Your password' }).locator('.field-error').waitFor();
    await page.getByLabel('Your password, to confirm').fill(customer.password);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByText('Your account and personal data have been deleted.').waitFor();
    await nav(page, 'Sign in').waitFor();
  });
});
