import { Client, fetchExchange, mapExchange, subscriptionExchange, type Exchange } from '@urql/core';
import { authExchange } from '@urql/exchange-auth';
import { persistedExchange } from '@urql/exchange-persisted';
import type { SubscribePayload } from 'graphql-ws';
import type { AppConfig } from '../config';
import type { SessionManager } from '../auth/session';
import { shopCacheExchange } from './cache';
import { trustedDocumentsExchange } from './persisted';
import { resilient, serverSentEventsTransport, webSocketTransport } from './subscriptions';

/** True when the API refused the request's credentials (HTTP 401 or a GraphQL error coded UNAUTHENTICATED). */
export function isAuthError(error: {
  graphQLErrors: readonly { extensions?: Record<string, unknown> }[];
  response?: unknown;
}): boolean {
  if ((error.response as { status?: number } | undefined)?.status === 401) return true;
  return error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}

/** Dispatched on window when a subscription had to be opened again: see useResync. */
export const RESYNC_EVENT = 'shop:resync';

function announceResync(): void {
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(RESYNC_EVENT));
}

export interface ShopClient {
  client: Client;
  /** Closes the WebSocket; the client is not used afterwards. */
  dispose(): void;
}

/**
 * The urql client of one app for one session: normalised cache, the access token on every request (refreshed
 * shortly before it expires, and once more when the API refuses it), persisted operations as configured, and
 * the token on subscriptions too (connection_init, or the SSE request's header). A new client is made whenever the
 * signed-in customer changes, so one customer's cache never shows another's data. Subscriptions go over
 * graphql-transport-ws or graphql-sse (config.subscriptions) and survive the router's "subscribe again" errors.
 */
export function createShopClient(config: AppConfig, sessions: SessionManager): ShopClient {
  const transport = resilient(
    config.subscriptions === 'sse' ? serverSentEventsTransport(config, sessions) : webSocketTransport(config, sessions),
    // events may have been missed while the subscription was down: the live pages fetch their data again
    announceResync,
  );

  const exchanges: Exchange[] = [
    mapExchange({
      onError(error) {
        // The token was refused even after a refresh: the session is over on the server.
        if (isAuthError(error) && sessions.current() && !sessions.needsRefresh()) sessions.signedOut('expired');
      },
    }),
    shopCacheExchange(),
    authExchange(async (utils) => ({
      addAuthToOperation(operation) {
        const session = sessions.current();
        return session ? utils.appendHeaders(operation, { Authorization: `Bearer ${session.accessToken}` }) : operation;
      },
      willAuthError() {
        return sessions.needsRefresh();
      },
      didAuthError(error) {
        return isAuthError(error);
      },
      async refreshAuth() {
        await sessions.refresh();
      },
    })),
  ];
  if (config.persistedOperations === 'apq') {
    exchanges.push(persistedExchange({ enableForMutation: true, enableForSubscriptions: false }));
  } else if (config.persistedOperations === 'trusted') {
    exchanges.push(trustedDocumentsExchange);
  }
  exchanges.push(
    fetchExchange,
    subscriptionExchange({
      forwardSubscription(request) {
        // In trusted-documents mode the request carries a documentId and no query text.
        const payload = request as SubscribePayload;
        return {
          subscribe(sink) {
            return { unsubscribe: transport.subscribe(payload, sink) };
          },
        };
      },
    }),
  );

  const client = new Client({
    url: config.apiUrl,
    exchanges,
    requestPolicy: 'cache-and-network',
    // Queries and mutations want one JSON answer; urql would also offer text/event-stream and multipart/mixed
    // (incremental delivery), which a router may then choose to stream. Subscriptions pick their own transport.
    fetchOptions: { headers: { accept: 'application/graphql-response+json, application/json' } },
  });
  return { client, dispose: () => transport.dispose() };
}
