import { describe, expect, it } from 'vitest';
import { inProcessLocks, SessionManager, type RefreshOutcome, type Session, type SessionChange } from './session';
import { MemoryStorage } from '../testing/memoryStorage';

const NOW = Date.parse('2026-11-20T12:00:00Z');

function session(refreshToken: string, expiresInMs = 10 * 60_000): Session {
  return {
    accessToken: `access-${refreshToken}`,
    refreshToken,
    expiresAt: new Date(NOW + expiresInMs).toISOString(),
    customerId: 'c1',
    role: 'CUSTOMER',
  };
}

/** A fake customer subgraph: rotates refresh tokens and rejects any token it has already replaced. */
function rotatingServer() {
  const calls: string[] = [];
  let current = 'r1';
  let generation = 1;
  const refresh = async (token: string): Promise<RefreshOutcome> => {
    calls.push(token);
    await new Promise((r) => setTimeout(r, 5));
    if (token !== current) return { kind: 'rejected', code: 'REFRESH_TOKEN_REUSED' };
    generation += 1;
    current = `r${generation}`;
    return { kind: 'refreshed', session: { accessToken: `access-${current}`, refreshToken: current, expiresAt: new Date(NOW + 15 * 60_000).toISOString() } };
  };
  return { calls, refresh };
}

describe('SessionManager', () => {
  it('refreshes an access token that is about to expire and stores the rotated refresh token', async () => {
    const storage = new MemoryStorage();
    const server = rotatingServer();
    const sessions = new SessionManager(storage, 'k', server.refresh, inProcessLocks(), () => NOW);
    sessions.signedIn(session('r1', 20_000));
    expect(sessions.needsRefresh()).toBe(true);
    const next = await sessions.refresh();
    expect(next?.refreshToken).toBe('r2');
    expect(next?.customerId).toBe('c1');
    expect(sessions.current()?.accessToken).toBe('access-r2');
    expect(sessions.needsRefresh()).toBe(false);
  });

  it('sends one refresh for many requests that find the token expired at once', async () => {
    const server = rotatingServer();
    const sessions = new SessionManager(new MemoryStorage(), 'k', server.refresh, inProcessLocks(), () => NOW);
    sessions.signedIn(session('r1', 0));
    const results = await Promise.all([sessions.refresh(), sessions.refresh(), sessions.refresh()]);
    expect(server.calls).toEqual(['r1']);
    expect(results.map((s) => s?.refreshToken)).toEqual(['r2', 'r2', 'r2']);
  });

  it('never reuses a refresh token another tab has already rotated (which would revoke the session)', async () => {
    const storage = new MemoryStorage(); // localStorage is shared by the tabs of one origin
    const server = rotatingServer();
    const locks = inProcessLocks(); // navigator.locks is shared too
    const tabA = new SessionManager(storage, 'k', server.refresh, locks, () => NOW);
    const tabB = new SessionManager(storage, 'k', server.refresh, locks, () => NOW);
    tabA.signedIn(session('r1', 0));
    const staleInB = tabB.current()!;
    const [a, b] = await Promise.all([tabA.refresh(), tabB.refresh(staleInB)]);
    expect(server.calls).toEqual(['r1']);
    expect(a?.refreshToken).toBe('r2');
    expect(b?.refreshToken).toBe('r2');
  });

  it('ends the session, and says it expired, when the refresh token is refused', async () => {
    const changes: SessionChange[] = [];
    const sessions = new SessionManager(new MemoryStorage(), 'k', async () => ({ kind: 'rejected', code: 'REFRESH_TOKEN_EXPIRED' }), inProcessLocks(), () => NOW);
    sessions.subscribe((_s, reason) => changes.push(reason));
    sessions.signedIn(session('r1', 0));
    expect(await sessions.refresh()).toBeNull();
    expect(sessions.current()).toBeNull();
    expect(changes).toEqual(['signed-in', 'expired']);
  });

  it('keeps the session when the refresh fails on the network, so a later request can try again', async () => {
    let fail = true;
    const server = rotatingServer();
    const sessions = new SessionManager(
      new MemoryStorage(),
      'k',
      (t) => (fail ? Promise.reject(new Error('offline')) : server.refresh(t)),
      inProcessLocks(),
      () => NOW,
    );
    sessions.signedIn(session('r1', 0));
    await expect(sessions.refresh()).rejects.toThrow('offline');
    expect(sessions.current()?.refreshToken).toBe('r1');
    fail = false;
    expect((await sessions.refresh())?.refreshToken).toBe('r2');
  });

  it('tells its listeners when another tab signs out', () => {
    const storage = new MemoryStorage();
    const tabA = new SessionManager(storage, 'k', rotatingServer().refresh, inProcessLocks(), () => NOW);
    const tabB = new SessionManager(storage, 'k', rotatingServer().refresh, inProcessLocks(), () => NOW);
    tabA.signedIn(session('r1'));
    const seen: (Session | null)[] = [];
    tabB.subscribe((s) => seen.push(s));
    tabA.signedOut();
    tabB.storageChanged('k');
    tabB.storageChanged('some-other-key');
    expect(seen).toEqual([null]);
  });
});
