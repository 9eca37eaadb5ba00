import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionManager } from '../auth/session';
import { parseConfig } from '../config';
import { CartQuery, RemoveFromCartMutation } from '../../storefront/cart/documents';
import { createShopClient } from './client';

/** What the client put on the wire: method, the query text (if any), the APQ hash (if any), the Accept header. */
interface Sent {
  method: string;
  query?: string;
  hash?: string;
  accept: string | null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The server side of Automatic Persisted Queries as the router implements it (bff-router/README.md, "Persisted
 * operations"): a hash it has not seen answers PersistedQueryNotFound; hash + text registers the text after checking
 * that the hash is its SHA-256; then the hash alone runs it. Answers every operation with an empty cart.
 */
function apqServer() {
  const registered = new Map<string, string>();
  const sent: Sent[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const body = method === 'GET'
      ? Object.fromEntries([...url.searchParams].map(([k, v]) => [k, k === 'query' || k === 'operationName' ? v : JSON.parse(v)]))
      : JSON.parse(String(init?.body));
    const hash: string | undefined = body.extensions?.persistedQuery?.sha256Hash;
    sent.push({ method, query: body.query, hash, accept: new Headers(init?.headers).get('accept') });
    const json = (payload: unknown, status = 200) =>
      new Response(JSON.stringify(payload), { status, headers: { 'content-type': 'application/json' } });
    if (hash && body.query) {
      if (sha256(body.query) !== hash) {
        return json({ errors: [{ message: 'provided sha does not match query', extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' } }] }, 400);
      }
      registered.set(hash, body.query);
    } else if (hash && !registered.has(hash)) {
      return json({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
    }
    const cart = { __typename: 'Cart', itemCount: 0, subtotal: { __typename: 'Money', amount: '0.00', currency: 'USD' }, lines: [] };
    const text = body.query ?? registered.get(hash!);
    return json(
      /\bmutation\b/.test(text)
        ? { data: { __typename: 'Mutation', removeFromCart: { __typename: 'CartPayload', cart, userErrors: [] } } }
        : { data: { __typename: 'Query', myCart: cart } },
    );
  };
  return { fetch, sent, registered };
}

function apqClient() {
  const config = parseConfig(
    // sse: graphql-sse opens nothing until a subscription starts (Node 20 has no WebSocket for graphql-ws)
    { apiUrl: 'http://api.test/graphql', persistedOperations: 'apq', subscriptions: 'sse' },
    'http://shop.test/',
  );
  const storage = new Map<string, string>();
  const sessions = new SessionManager(
    { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v), removeItem: (k: string) => void storage.delete(k) } as Storage,
    'session',
    async () => ({ kind: 'rejected', code: 'REFRESH_TOKEN_EXPIRED' }),
  );
  return createShopClient(config, sessions);
}

describe('automatic persisted queries (persistedOperations: apq)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the hash alone, the text once when the server has not seen it, then the hash alone again', async () => {
    const server = apqServer();
    vi.stubGlobal('fetch', server.fetch);

    const first = apqClient();
    const miss = await first.client.query(CartQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    first.dispose();
    expect(miss.error).toBeUndefined();
    expect(miss.data?.myCart?.itemCount).toBe(0);
    expect(server.sent).toHaveLength(2);
    const [hashOnly, registration] = server.sent;
    expect(hashOnly.query).toBeUndefined();
    expect(hashOnly.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(registration.query).toMatch(/\bquery Cart\b/);
    expect(registration.hash).toBe(hashOnly.hash);
    expect(server.registered.get(hashOnly.hash!)).toBe(registration.query);

    // another page load (a new client, an empty cache): the hash alone is enough now
    const second = apqClient();
    const hit = await second.client.query(CartQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    second.dispose();
    expect(hit.data?.myCart?.itemCount).toBe(0);
    expect(server.sent.slice(2)).toEqual([{ method: 'GET', query: undefined, hash: hashOnly.hash, accept: hashOnly.accept }]);
    for (const s of server.sent) expect(s.accept).toBe('application/graphql-response+json, application/json');
  });

  it('persists mutations too, over POST', async () => {
    const server = apqServer();
    vi.stubGlobal('fetch', server.fetch);
    const { client, dispose } = apqClient();
    const result = await client.mutation(RemoveFromCartMutation, { productId: 'p1', cartToken: null }).toPromise();
    dispose();
    expect(result.error).toBeUndefined();
    expect(server.sent.map((s) => [s.method, !!s.query, !!s.hash])).toEqual([
      ['POST', false, true],
      ['POST', true, true],
    ]);
  });
});
