/**
 * Run-time configuration, read from `/config.json` next to the page: the stack's static server writes it from its
 * environment (the API may live on any origin), the Vite dev server serves `public/config.json`.
 */
export type PersistedOperationsMode = 'none' | 'apq' | 'trusted';
export type SubscriptionTransport = 'ws' | 'sse';

export interface AppConfig {
  /** The router's GraphQL-over-HTTP endpoint, e.g. http://localhost:4000/graphql. */
  apiUrl: string;
  /** The router's graphql-transport-ws endpoint; derived from apiUrl when absent. */
  wsUrl: string;
  /**
   * none: send the document text; apq: Automatic Persisted Queries (hash first, text on a miss);
   * trusted: only the document id of the build's persisted-documents manifest (the router's trusted-documents mode).
   */
  persistedOperations: PersistedOperationsMode;
  /** ws: graphql-transport-ws (default); sse: graphql-sse over fetch (HTTP/1 and proxies that drop WebSockets). */
  subscriptions: SubscriptionTransport;
}

const MODES: readonly PersistedOperationsMode[] = ['none', 'apq', 'trusted'];

export function parseConfig(raw: unknown, pageUrl: string): AppConfig {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const apiUrl = new URL(typeof o.apiUrl === 'string' && o.apiUrl ? o.apiUrl : '/graphql', pageUrl).toString();
  const ws = new URL(typeof o.wsUrl === 'string' && o.wsUrl ? o.wsUrl : apiUrl, pageUrl);
  if (ws.protocol === 'http:') ws.protocol = 'ws:';
  if (ws.protocol === 'https:') ws.protocol = 'wss:';
  const mode = MODES.find((m) => m === o.persistedOperations) ?? 'none';
  return { apiUrl, wsUrl: ws.toString(), persistedOperations: mode, subscriptions: o.subscriptions === 'sse' ? 'sse' : 'ws' };
}

export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`could not read /config.json (HTTP ${response.status})`);
  return parseConfig(await response.json(), window.location.href);
}
