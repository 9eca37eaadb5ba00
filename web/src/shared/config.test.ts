import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

describe('parseConfig', () => {
  it('derives the WebSocket endpoint from the API URL', () => {
    expect(parseConfig({ apiUrl: 'http://localhost:4000/graphql' }, 'http://localhost:4080/')).toEqual({
      apiUrl: 'http://localhost:4000/graphql',
      wsUrl: 'ws://localhost:4000/graphql',
      persistedOperations: 'none',
      subscriptions: 'ws',
    });
    expect(parseConfig({ apiUrl: 'https://api.shop.example/graphql', subscriptions: 'sse' }, 'https://shop.example/').subscriptions).toBe('sse');
    expect(parseConfig({ apiUrl: 'https://api.shop.example/graphql', persistedOperations: 'trusted' }, 'https://shop.example/').wsUrl).toBe(
      'wss://api.shop.example/graphql',
    );
  });

  it('falls back to /graphql on the page origin and to text documents for unknown modes', () => {
    expect(parseConfig({ persistedOperations: 'bogus' }, 'http://localhost:4080/cart')).toEqual({
      apiUrl: 'http://localhost:4080/graphql',
      wsUrl: 'ws://localhost:4080/graphql',
      persistedOperations: 'none',
      subscriptions: 'ws',
    });
  });
});
