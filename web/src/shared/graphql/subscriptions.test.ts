import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExecutionResult } from 'graphql';
import { SessionManager } from '../auth/session';
import { parseConfig } from '../config';
import { resilient, webSocketTransport, type Sink, type SubscriptionTransport } from './subscriptions';

/** A transport whose subscriptions the test drives by hand. */
function scriptedTransport() {
  const opened: Sink[] = [];
  let closed = 0;
  const transport: SubscriptionTransport = {
    subscribe(_payload, sink) {
      opened.push(sink);
      return () => {
        closed += 1;
      };
    },
    dispose() {},
  };
  return { transport, opened, closed: () => closed };
}

function recorder() {
  const seen: string[] = [];
  const sink: Sink = {
    next: (v: ExecutionResult) => seen.push(`next ${JSON.stringify(v.data)}`),
    error: (e) => seen.push(`error ${(e as Error).message ?? JSON.stringify(e)}`),
    complete: () => seen.push('complete'),
  };
  return { seen, sink };
}

describe('resilient subscriptions', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('subscribes again, after a pause, when the router says the upstream subscription was lost', () => {
    const { transport, opened } = scriptedTransport();
    const resyncs: number[] = [];
    const { seen, sink } = recorder();
    resilient(transport, () => resyncs.push(Date.now())).subscribe({ query: 'subscription { x }' }, sink);
    opened[0].next({ data: { x: 1 } });
    opened[0].next({ errors: [{ message: 'lost', extensions: { code: 'SUBSCRIPTION_UPSTREAM_CLOSED' } }] } as unknown as ExecutionResult);
    opened[0].complete();
    expect(opened).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    expect(opened).toHaveLength(2);
    expect(resyncs).toHaveLength(1);
    opened[1].next({ data: { x: 2 } });
    expect(seen).toEqual(['next {"x":1}', 'next {"x":2}']);
  });

  it('backs off while the upstream stays unavailable, and passes other errors on', () => {
    const { transport, opened } = scriptedTransport();
    const { seen, sink } = recorder();
    resilient(transport, () => undefined).subscribe({ query: 'subscription { x }' }, sink);
    opened[0].error([{ message: 'no', extensions: { code: 'SUBSCRIPTION_UPSTREAM_UNAVAILABLE' } }]);
    vi.advanceTimersByTime(1_000);
    opened[1].error([{ message: 'no', extensions: { code: 'SUBSCRIPTION_UPSTREAM_UNAVAILABLE' } }]);
    vi.advanceTimersByTime(1_999);
    expect(opened).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(opened).toHaveLength(3);
    opened[2].error(new Error('forbidden'));
    expect(seen).toEqual(['error forbidden']);
  });

  it('stops retrying once the page unsubscribes', () => {
    const { transport, opened, closed } = scriptedTransport();
    const { sink } = recorder();
    const unsubscribe = resilient(transport, () => undefined).subscribe({ query: 'subscription { x }' }, sink);
    opened[0].error([{ message: 'gone', extensions: { code: 'ROUTER_SHUTTING_DOWN' } }]);
    unsubscribe();
    vi.advanceTimersByTime(60_000);
    expect(opened).toHaveLength(1);
    expect(closed()).toBe(1);
  });
});

/**
 * The browser's WebSocket as graphql-ws drives it, with a graphql-transport-ws server behind it that acknowledges
 * the connection and answers each subscription with one event and its end.
 */
class ServerSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static readonly received: Record<string, unknown>[] = [];
  readyState = ServerSocket.CONNECTING;
  readonly protocol = 'graphql-transport-ws';
  onopen: ((e: unknown) => void) | null = null;
  onclose: ((e: unknown) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;

  constructor(readonly url: string) {
    setTimeout(() => {
      this.readyState = ServerSocket.OPEN;
      this.onopen?.({});
    });
  }

  send(data: string) {
    const message = JSON.parse(data) as { type: string; id?: string };
    ServerSocket.received.push(message);
    const reply = (m: unknown) => setTimeout(() => this.onmessage?.({ data: JSON.stringify(m) }));
    if (message.type === 'connection_init') reply({ type: 'connection_ack' });
    if (message.type === 'subscribe') {
      reply({ type: 'next', id: message.id, payload: { data: { notificationAdded: { id: 'n1' } } } });
      reply({ type: 'complete', id: message.id });
    }
  }

  close(code = 1000, reason = '') {
    this.readyState = ServerSocket.CLOSED;
    setTimeout(() => this.onclose?.({ code, reason, wasClean: true }));
  }
}

describe('graphql-transport-ws transport', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('disposing the client while it waits to reconnect after a 4403 close leaves no promise rejected unhandled', async () => {
    /** A server that ends every connection with 4403 (as the router does for a revoked session) before acknowledging it. */
    class RevokingSocket extends ServerSocket {
      static inits = 0;
      send(data: string) {
        if ((JSON.parse(data) as { type: string }).type !== 'connection_init') return;
        RevokingSocket.inits += 1;
        setTimeout(() => this.close(4403, 'Forbidden'));
      }
    }
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    vi.useFakeTimers();
    try {
      vi.stubGlobal('WebSocket', RevokingSocket);
      const config = parseConfig({ apiUrl: 'http://api.test/graphql' }, 'http://shop.test/');
      const noStorage = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined } as unknown as Storage;
      const sessions = new SessionManager(noStorage, 'session', async () => ({ kind: 'rejected', code: 'REFRESH_TOKEN_REVOKED' }));
      const transport = webSocketTransport(config, sessions);
      const { seen, sink } = recorder();
      const unsubscribe = transport.subscribe({ query: 'subscription { notificationAdded { id } }' }, sink);
      // connected, connection_init sent, closed with 4403: graphql-ws now waits (1.3 to 4 s) before it reconnects
      await vi.advanceTimersByTimeAsync(50);
      expect(RevokingSocket.inits).toBe(1);
      // the page signs out meanwhile: its subscriptions end and the client is disposed
      unsubscribe();
      transport.dispose();
      await vi.advanceTimersByTimeAsync(10_000);
      vi.useRealTimers();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
      expect(RevokingSocket.inits).toBe(1);
      expect(seen).toEqual(['complete']);
    } finally {
      vi.useRealTimers();
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('sends a trusted document as its documentId beside an empty query (graphql-ws requires a string) and gets its events', async () => {
    vi.stubGlobal('WebSocket', ServerSocket);
    const config = parseConfig({ apiUrl: 'http://api.test/graphql', persistedOperations: 'trusted' }, 'http://shop.test/');
    const noStorage = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined } as unknown as Storage;
    const sessions = new SessionManager(noStorage, 'session', async () => ({ kind: 'rejected', code: 'REFRESH_TOKEN_EXPIRED' }));
    const transport = webSocketTransport(config, sessions);
    const { seen, sink } = recorder();
    const done = new Promise<void>((resolve) => {
      transport.subscribe({ documentId: 'sha256:abc', variables: {} } as never, {
        ...sink,
        error: (e) => (sink.error(e), resolve()),
        complete: () => (sink.complete(), resolve()),
      });
    });
    await done;
    transport.dispose();
    expect(seen).toEqual(['next {"notificationAdded":{"id":"n1"}}', 'complete']);
    expect(ServerSocket.received.find((m) => m.type === 'subscribe')?.payload).toEqual({ documentId: 'sha256:abc', variables: {}, query: '' });
  });
});
