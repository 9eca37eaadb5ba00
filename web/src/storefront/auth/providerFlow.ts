/**
 * The browser's half of signing in (or linking an account) with an external provider: the authorization code flow
 * whose secrets (state, nonce, PKCE verifier) the customer subgraph keeps. Before leaving for the provider the page
 * remembers, in sessionStorage (this tab only), what it started — sign-in or link, which provider, the state the server
 * issued, where to go afterwards; the callback page (/auth/callback) finishes exactly that, once.
 */

export type FlowKind = 'sign-in' | 'link';

export interface PendingFlow {
  kind: FlowKind;
  provider: string;
  state: string;
  redirectUri: string;
  /** Where to go when done (an in-app path). */
  next: string;
}

/** What the callback page should do with the query the provider redirected back with. */
export type CallbackOutcome =
  | { ok: true; flow: PendingFlow; code: string }
  | { ok: false; flow: PendingFlow | null; message: string };

const KEY = 'shop.providerFlow';

/** The redirect URI registered with every provider: this app's callback page. */
export function callbackUri(origin: string): string {
  return `${origin.replace(/\/+$/, '')}/auth/callback`;
}

export function rememberFlow(storage: Storage, flow: PendingFlow): void {
  storage.setItem(KEY, JSON.stringify(flow));
}

/** The flow this tab started, removed from storage: a callback is handled once (reloading it does not replay it). */
export function takeFlow(storage: Storage): PendingFlow | null {
  const raw = storage.getItem(KEY);
  storage.removeItem(KEY);
  if (!raw) return null;
  try {
    const f = JSON.parse(raw) as Partial<PendingFlow>;
    if ((f.kind === 'sign-in' || f.kind === 'link') && typeof f.provider === 'string' && typeof f.state === 'string'
      && typeof f.redirectUri === 'string' && typeof f.next === 'string') {
      return f as PendingFlow;
    }
  } catch {
    // not ours
  }
  return null;
}

/** Reads the provider's answer (RFC 6749 §4.1.2): a code for our state, or an error; anything else is refused. */
export function readCallback(search: string, flow: PendingFlow | null): CallbackOutcome {
  const q = new URLSearchParams(search);
  if (!flow) {
    return { ok: false, flow, message: 'This sign-in was not started in this browser tab, or it was already finished. Start again.' };
  }
  if (q.get('state') !== flow.state) {
    return { ok: false, flow, message: 'The answer from the sign-in provider does not belong to the sign-in started here. Start again.' };
  }
  const error = q.get('error');
  if (error) {
    return {
      ok: false,
      flow,
      message: error === 'access_denied'
        ? 'The sign-in was cancelled at the provider.'
        : `The provider refused the sign-in (${q.get('error_description') || error}).`,
    };
  }
  const code = q.get('code');
  if (!code) return { ok: false, flow, message: 'The provider sent no authorization code. Start again.' };
  return { ok: true, flow, code };
}
