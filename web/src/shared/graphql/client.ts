import { Client, fetchExchange, mapExchange, subscriptionExchange, type Exchange } from '@urql/core';
import { authExchange } from '@urql/exchange-auth';
import { persistedExchange } from '@urql/exchange-persisted';
import { createClient as createWsClient, type Client as WsClient, type SubscribePayload } from 'graphql-ws';
import type { AppConfig } from '../config';
import type { SessionManager } from '../auth/session';
import { shopCacheExchange } from './cache';
import { trustedDocumentsExchange } from './persisted';

/** True when the API refused the request's credentials (HTTP 401 or a GraphQL error coded UNAUTHENTICATED). */
export function isAuthError(error: {
  graphQLErrors: readonly { extensions?: Record<string, unknown> }[];
  response?: unknown;
}): boolean {
  if ((error.response as { status?: number } | undefined)?.status === 401) return true;
  return error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}

export interface ShopClient {
  client: Client;
  /** Closes the WebSocket; the client is not used afterwards. */
  dispose(): void;
}

/**
 * The urql client of one app for one session: normalised cache, the access token on every request (refreshed
 * shortly before it expires, and once more when the API refuses it), persisted operations as configured, and
 * subscriptions over graphql-transport-ws with the token in connection_init. A new client is made whenever the
 * signed-in customer changes, so one customer's cache never shows another's data.
 */
export function createShopClient(config: AppConfig, sessions: SessionManager): ShopClient {
  const ws: WsClient = createWsClient({
    url: config.wsUrl,
    lazy: true,
    lazyCloseTimeout: 3_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    connectionParams: async () => {
      let session = sessions.current();
      if (session && sessions.needsRefresh(session)) session = await sessions.refresh(session).catch(() => session);
      return session ? { Authorization: `Bearer ${session.accessToken}` } : {};
    },
    on: {
      closed: (event) => {
        // 4403: the router refused the token of connection_init; refresh before the retry reconnects.
        if ((event as CloseEvent | undefined)?.code === 4403) void sessions.refresh().catch(() => undefined);
      },
    },
  });

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
            const unsubscribe = ws.subscribe(payload, sink);
            return { unsubscribe };
          },
        };
      },
    }),
  );

  const client = new Client({ url: config.apiUrl, exchanges, requestPolicy: 'cache-and-network' });
  return { client, dispose: () => void ws.dispose() };
}
