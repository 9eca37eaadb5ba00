import { describe, expect, it } from 'vitest';
import { Client, makeResult, type Exchange, type Operation } from '@urql/core';
import { filter, fromValue, map, mergeMap, pipe } from 'wonka';
import { getOperationName } from '@urql/core';
import { AddToCartMutation, CartQuery } from '../../storefront/cart/documents';
import { TopUpMutation, WalletQuery } from '../../storefront/wallet/documents';
import { MarkAllNotificationsReadMutation, NotificationAddedSubscription } from '../../storefront/notifications/documents';
import { CheckoutMutation } from '../../storefront/checkout/documents';
import { MyOrdersQuery } from '../../storefront/orders/documents';
import schema from '../../gql/introspection';
import { keys, shopCacheExchange, UnreadCountQuery } from './cache';

type Responder = (operation: Operation) => Record<string, unknown>;

/** The cache in front of a scripted API: each operation is answered by name, and every request is recorded. */
function clientAnswering(respond: Record<string, Responder>) {
  const sent: string[] = [];
  const api: Exchange = () => (ops$) =>
    pipe(
      ops$,
      filter((op) => op.kind !== 'teardown'),
      mergeMap((op) => {
        const name = getOperationName(op.query)!;
        sent.push(name);
        const answer = respond[name];
        if (!answer) throw new Error(`unexpected operation ${name}`);
        return fromValue(makeResult(op, { data: answer(op) }));
      }),
      map((r) => r),
    );
  const client = new Client({ url: 'http://api.test/graphql', exchanges: [shopCacheExchange(), api], requestPolicy: 'cache-first' });
  return { client, sent };
}

const money = (amount: string) => ({ __typename: 'Money', amount, currency: 'USD' });
const product = { __typename: 'Product', id: 'p1', name: 'Tea', stock: 5, available: true, images: [], price: money('2.50') };
const cart = (quantity: number) => ({
  __typename: 'Cart',
  itemCount: quantity,
  subtotal: money((2.5 * quantity).toFixed(2)),
  lines: quantity === 0 ? [] : [{ __typename: 'CartLine', quantity, unitPrice: money('2.50'), lineTotal: money((2.5 * quantity).toFixed(2)), product }],
});

describe('the shop cache', () => {
  it('knows how to key every object type of the API (graphcache needs an id or a rule)', () => {
    const missing = schema.__schema.types
      .filter((t) => t.kind === 'OBJECT' && !t.name.startsWith('__') && !['Query', 'Mutation', 'Subscription'].includes(t.name))
      .filter((t) => !('fields' in t) || !t.fields.some((f) => f.name === 'id'))
      .map((t) => t.name)
      .filter((name) => !(name in keys));
    expect(missing).toEqual([]);
  });

  it('shows the cart a mutation returned wherever the cart is displayed', async () => {
    let quantity = 1;
    const { client, sent } = clientAnswering({
      Cart: () => ({ __typename: 'Query', myCart: cart(quantity) }),
      AddToCart: () => {
        quantity += 2;
        return { __typename: 'Mutation', addToCart: { __typename: 'CartPayload', cart: cart(quantity), userErrors: [] } };
      },
    });
    expect((await client.query(CartQuery, {}).toPromise()).data?.myCart.itemCount).toBe(1);
    await client.mutation(AddToCartMutation, { input: { productId: 'p1', quantity: 2 } }).toPromise();
    const after = await client.query(CartQuery, {}).toPromise();
    expect(after.data?.myCart.itemCount).toBe(3);
    expect(after.data?.myCart.subtotal.amount).toBe('7.50');
    expect(sent).toEqual(['Cart', 'AddToCart']); // the second read came from the cache
  });

  it('updates the balance after a top-up and fetches the history again', async () => {
    let balance = '10.00';
    const wallet = () => ({
      __typename: 'Wallet',
      customerId: 'c1',
      balance: money(balance),
      transactions: { __typename: 'WalletTransactionConnection', totalCount: 0, edges: [], pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null } },
    });
    const { client, sent } = clientAnswering({
      Wallet: () => ({ __typename: 'Query', myWallet: wallet() }),
      TopUp: () => {
        balance = '60.00';
        return { __typename: 'Mutation', topUpWallet: { __typename: 'TopUpPayload', wallet: { __typename: 'Wallet', customerId: 'c1', balance: money(balance) }, userErrors: [] } };
      },
    });
    await client.query(WalletQuery, { first: 20, after: null }).toPromise();
    await client.mutation(TopUpMutation, { input: { amount: '50.00', idempotencyKey: 'k' } }).toPromise();
    const after = await client.query(WalletQuery, { first: 20, after: null }).toPromise();
    expect(after.data?.myWallet.balance.amount).toBe('60.00');
    expect(sent).toEqual(['Wallet', 'TopUp', 'Wallet']);
  });

  it('leaves the cache alone when the mutation answered userErrors', async () => {
    const { client, sent } = clientAnswering({
      Wallet: () => ({
        __typename: 'Query',
        myWallet: {
          __typename: 'Wallet', customerId: 'c1', balance: money('10.00'),
          transactions: { __typename: 'WalletTransactionConnection', totalCount: 0, edges: [], pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null } },
        },
      }),
      TopUp: () => ({
        __typename: 'Mutation',
        topUpWallet: { __typename: 'TopUpPayload', wallet: null, userErrors: [{ __typename: 'UserError', code: 'AMOUNT_NOT_POSITIVE', field: ['input', 'amount'], message: 'must be positive' }] },
      }),
    });
    await client.query(WalletQuery, { first: 20, after: null }).toPromise();
    await client.mutation(TopUpMutation, { input: { amount: '0', idempotencyKey: 'k' } }).toPromise();
    await client.query(WalletQuery, { first: 20, after: null }).toPromise();
    expect(sent).toEqual(['Wallet', 'TopUp']);
  });

  it('raises the unread badge for each live notification and clears it when all are read', async () => {
    const { client } = clientAnswering({
      UnreadCount: () => ({ __typename: 'Query', unreadNotificationCount: 2 }),
      MarkAllNotificationsRead: () => ({ __typename: 'Mutation', markAllNotificationsRead: { __typename: 'MarkAllReadPayload', markedCount: 3, userErrors: [] } }),
      NotificationAdded: () => ({
        __typename: 'Subscription',
        notificationAdded: { __typename: 'Notification', id: 'n9', kind: 'ORDER_CONFIRMED', title: 't', body: 'b', read: false, createdAt: '2026-11-20T12:00:00Z', order: null },
      }),
    });
    const counts: number[] = [];
    // A live query, as the header's badge keeps one.
    const { unsubscribe } = client.query(UnreadCountQuery, {}).subscribe((r) => {
      if (r.data) counts.push(r.data.unreadNotificationCount);
    });
    await new Promise((r) => setTimeout(r, 0));
    await new Promise<void>((resolve) => {
      const sub = client.subscription(NotificationAddedSubscription, {}).subscribe(() => {
        resolve();
        setTimeout(() => sub.unsubscribe(), 0);
      });
    });
    await new Promise((r) => setTimeout(r, 0));
    await client.mutation(MarkAllNotificationsReadMutation, {}).toPromise();
    await new Promise((r) => setTimeout(r, 0));
    unsubscribe();
    expect(counts).toEqual([2, 3, 0]);
  });

  it('fetches the order list and the cart again after a checkout', async () => {
    let orders = 0;
    const { client, sent } = clientAnswering({
      MyOrders: () => ({
        __typename: 'Query',
        myOrders: {
          __typename: 'OrderConnection',
          totalCount: orders,
          edges: [],
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        },
      }),
      Checkout: () => {
        orders += 1;
        return { __typename: 'Mutation', checkout: { __typename: 'CheckoutPayload', order: { __typename: 'Order', id: 'o1', number: 'SO-1', status: 'PENDING' }, userErrors: [] } };
      },
    });
    await client.query(MyOrdersQuery, { first: 20, after: null, status: null }).toPromise();
    await client.mutation(CheckoutMutation, { input: { delivery: { pickupPointId: 'w1' }, idempotencyKey: 'k' } }).toPromise();
    const after = await client.query(MyOrdersQuery, { first: 20, after: null, status: null }).toPromise();
    expect(after.data?.myOrders.totalCount).toBe(1);
    expect(sent).toEqual(['MyOrders', 'Checkout', 'MyOrders']);
  });
});
