import { createClient as createWsClient, type SubscribePayload } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import type { ExecutionResult } from 'graphql';
import type { AppConfig } from '../config';
import type { SessionManager } from '../auth/session';

export interface Sink {
  next(value: ExecutionResult): void;
  error(error: unknown): void;
  complete(): void;
}

/** One transport for the subscription exchange: graphql-transport-ws or graphql-sse. */
export interface SubscriptionTransport {
  subscribe(payload: SubscribePayload, sink: Sink): () => void;
  dispose(): void;
}

/**
 * Errors after which the router says events may have been missed and the subscription is over: subscribe again
 * (the cache's subscription updates then bring the state; pages refetch on `onResubscribe`).
 */
const RESUBSCRIBE_CODES = new Set(['SUBSCRIPTION_UPSTREAM_CLOSED', 'SUBSCRIPTION_UPSTREAM_UNAVAILABLE', 'ROUTER_SHUTTING_DOWN']);

export function shouldResubscribe(errors: unknown): boolean {
  const list = Array.isArray(errors) ? errors : (errors as ExecutionResult | undefined)?.errors ?? [];
  return list.some((e: { extensions?: { code?: unknown } }) => RESUBSCRIBE_CODES.has(String(e?.extensions?.code)));
}

/**
 * Keeps a subscription alive across the router's "subscribe again" errors: instead of ending it, waits (1 s, 2 s,
 * … up to 30 s) and subscribes again, calling `onResubscribe` so that the caller can refetch what it may have missed.
 */
export function resilient(transport: SubscriptionTransport, onResubscribe: () => void): SubscriptionTransport {
  return {
    dispose: () => transport.dispose(),
    subscribe(payload, sink) {
      let stopped = false;
      let attempt = 0;
      let unsubscribe: () => void = () => undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const retry = () => {
        const delay = Math.min(30_000, 1_000 * 2 ** attempt++);
        timer = setTimeout(() => {
          if (stopped) return;
          onResubscribe();
          start();
        }, delay);
      };
      const start = () => {
        unsubscribe = transport.subscribe(payload, {
          next(value) {
            if (value.errors && shouldResubscribe(value.errors)) return retry();
            attempt = 0;
            sink.next(value);
          },
          error(error) {
            if (shouldResubscribe(error)) retry();
            else sink.error(error);
          },
          complete() {
            if (timer === undefined || stopped) sink.complete();
          },
        });
      };
      start();
      return () => {
        stopped = true;
        if (timer !== undefined) clearTimeout(timer);
        unsubscribe();
      };
    },
  };
}

async function bearer(sessions: SessionManager): Promise<Record<string, string>> {
  let session = sessions.current();
  if (session && sessions.needsRefresh(session)) session = await sessions.refresh(session).catch(() => session);
  const headers: Record<string, string> = {};
  if (session) headers.Authorization = `Bearer ${session.accessToken}`;
  return headers;
}

/**
 * graphql-ws refuses to send a subscribe message whose `query` is not a string, but a trusted document travels as its
 * `documentId` alone: it gets an empty query beside the id, which the router reads as "no text: look the id up".
 */
export function withQueryString(payload: SubscribePayload): SubscribePayload {
  return typeof payload.query === 'string' ? payload : { ...payload, query: '' };
}

/** graphql-transport-ws with the access token in connection_init, refreshed before each (re)connection. */
export function webSocketTransport(config: AppConfig, sessions: SessionManager): SubscriptionTransport {
  let disposed = false;
  const ws = createWsClient({
    url: config.wsUrl,
    lazy: true,
    lazyCloseTimeout: 3_000,
    // Reconnects (and resubscribes) after any close that is not fatal, e.g. 1012 (the router is restarting) or 4008
    // (this client was too slow): graphql-ws's default shouldRetry. Never retry what is not a close: graphql-ws
    // retries at once, without back-off, so an error thrown inside the client (a message it refuses to send) would
    // spin the page's main thread forever.
    retryAttempts: Number.POSITIVE_INFINITY,
    connectionParams: () => bearer(sessions),
    on: {
      closed: (event) => {
        // 4403: the router refused the token of connection_init, or ended the connection because its session was
        // revoked; refresh before the retry reconnects (a revoked session's refresh fails: the session ends). A
        // client already disposed (signed out, or another customer signed in) must not refresh the current session.
        if (!disposed && (event as CloseEvent | undefined)?.code === 4403) void sessions.refresh().catch(() => undefined);
      },
    },
  });
  return {
    subscribe: (payload, sink) => ws.subscribe(withQueryString(payload), sink),
    dispose: () => {
      disposed = true;
      // graphql-ws's dispose awaits the connection in progress: one that ends without opening (it was waiting to
      // reconnect after a close, e.g. the router's 4403 for a revoked session, and no subscription is left) rejects
      // it with a close-event-like object, which must not surface as the page's unhandled rejection.
      Promise.resolve(ws.dispose()).catch(() => undefined);
    },
  };
}

/** graphql-sse, one HTTP stream per subscription, with the access token in the Authorization header. */
export function serverSentEventsTransport(config: AppConfig, sessions: SessionManager): SubscriptionTransport {
  const sse = createSseClient({
    url: config.apiUrl,
    singleConnection: false,
    retryAttempts: 1_000,
    headers: () => bearer(sessions),
  });
  return {
    subscribe: (payload, sink) => sse.subscribe(payload as Parameters<typeof sse.subscribe>[0], sink),
    dispose: () => sse.dispose(),
  };
}
