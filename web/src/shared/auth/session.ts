/**
 * The signed-in session of one app (storefront or admin console), kept in localStorage so that it survives a reload
 * and is shared by the app's tabs.
 *
 * Refresh tokens are single use: the customer subgraph rotates them on every refreshSession and treats a second use
 * of a replaced token as theft (REFRESH_TOKEN_REUSED revokes the whole session family). So two tabs, or two requests
 * of one tab, must never refresh with the same token. {@link SessionManager.refresh} serialises refreshes across tabs
 * with the Web Locks API and, inside the lock, re-reads the stored session: if another tab or request has already
 * rotated the token, it uses that session instead of refreshing again.
 */
export interface Session {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (RFC 3339). */
  expiresAt: string;
  customerId: string;
  role: 'CUSTOMER' | 'ADMIN';
}

/** What a refreshSession call answered. */
export type RefreshOutcome =
  | { kind: 'refreshed'; session: Omit<Session, 'customerId' | 'role'> }
  /** The refresh token is no longer valid (expired, revoked, reused, unknown): the session is over. */
  | { kind: 'rejected'; code: string };

export type RefreshCall = (refreshToken: string) => Promise<RefreshOutcome>;

/** The subset of the Web Locks API used here (navigator.locks), so tests can pass their own. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export type SessionListener = (session: Session | null, reason: SessionChange) => void;
export type SessionChange = 'signed-in' | 'refreshed' | 'signed-out' | 'expired' | 'other-tab';

/** Refresh this long before the access token expires, so a request never leaves with a token about to expire. */
export const REFRESH_MARGIN_MS = 30_000;

export class SessionManager {
  private readonly listeners = new Set<SessionListener>();
  private inFlight: Promise<Session | null> | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly key: string,
    private readonly refreshCall: RefreshCall,
    private readonly locks: LockManagerLike = inProcessLocks(),
    private readonly now: () => number = Date.now,
  ) {}

  current(): Session | null {
    const raw = this.storage.getItem(this.key);
    if (!raw) return null;
    try {
      const s = JSON.parse(raw) as Session;
      return s && typeof s.accessToken === 'string' && typeof s.refreshToken === 'string' ? s : null;
    } catch {
      return null;
    }
  }

  signedIn(session: Session): void {
    this.write(session, 'signed-in');
  }

  signedOut(reason: 'signed-out' | 'expired' = 'signed-out'): void {
    this.write(null, reason);
  }

  /** True when the access token has expired or will within {@link REFRESH_MARGIN_MS}. */
  needsRefresh(session: Session | null = this.current()): boolean {
    if (!session) return false;
    const expires = Date.parse(session.expiresAt);
    return Number.isNaN(expires) || expires - this.now() <= REFRESH_MARGIN_MS;
  }

  /**
   * Replaces the session whose access token was refused or is about to expire. Resolves to the session to use now,
   * or null when the refresh token was rejected (the session is then cleared, listeners hear 'expired'). A network
   * failure rejects the promise and keeps the session, so a later request can try again.
   */
  refresh(stale: Session | null = this.current()): Promise<Session | null> {
    if (!stale) return Promise.resolve(null);
    if (!this.inFlight) {
      this.inFlight = this.locks
        .request(`${this.key}:refresh`, () => this.refreshLocked(stale))
        .finally(() => {
          this.inFlight = null;
        });
    }
    return this.inFlight;
  }

  private async refreshLocked(stale: Session): Promise<Session | null> {
    const current = this.current();
    if (!current) return null;
    // Another tab (or an earlier refresh of this one) rotated the token while we waited for the lock.
    if (current.refreshToken !== stale.refreshToken && !this.needsRefresh(current)) return current;
    const outcome = await this.refreshCall(current.refreshToken);
    if (outcome.kind === 'rejected') {
      this.write(null, 'expired');
      return null;
    }
    const next: Session = { ...current, ...outcome.session };
    this.write(next, 'refreshed');
    return next;
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Call from a `storage` event listener: another tab signed in, refreshed or signed out. */
  storageChanged(key: string | null): void {
    if (key !== null && key !== this.key) return;
    const session = this.current();
    for (const l of this.listeners) l(session, 'other-tab');
  }

  private write(session: Session | null, reason: SessionChange): void {
    if (session) this.storage.setItem(this.key, JSON.stringify(session));
    else this.storage.removeItem(this.key);
    for (const l of this.listeners) l(session, reason);
  }
}

/** The browser's cross-tab locks when present, else a queue within this page. */
export function browserLocks(): LockManagerLike {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  // The lock is held until the callback's promise settles; the promise it returns resolves to the callback's value.
  if (locks) return { request: <T>(name: string, callback: () => Promise<T>) => locks.request(name, callback) as unknown as Promise<T> };
  return inProcessLocks();
}

export function inProcessLocks(): LockManagerLike {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      const previous = tails.get(name) ?? Promise.resolve();
      const run: Promise<T> = previous.then(() => callback(), () => callback());
      tails.set(name, run.catch(() => undefined));
      return run;
    },
  };
}

/** Reads the customer id and role from an access token (the router and subgraphs verify it; this only displays). */
export function claimsOf(accessToken: string): { customerId: string; role: 'CUSTOMER' | 'ADMIN' } {
  const payload = accessToken.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
  const claims = JSON.parse(json) as { sub?: string; role?: string };
  return { customerId: claims.sub ?? '', role: claims.role === 'ADMIN' ? 'ADMIN' : 'CUSTOMER' };
}
