import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExecutionResult } from 'graphql';
import { resilient, type Sink, type SubscriptionTransport } from './subscriptions';

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
