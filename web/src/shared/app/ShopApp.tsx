import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Provider as UrqlProvider } from 'urql';
import { loadConfig, type AppConfig } from '../config';
import { browserLocks, claimsOf, SessionManager, type Session, type SessionChange } from '../auth/session';
import { refreshCallFor } from '../auth/refresh';
import { postGraphQL } from '../graphql/http';
import { SignOutMutation } from '../auth/documents';
import { createShopClient } from '../graphql/client';
import { Loading, RequestError } from '../ui/components';

export interface SessionState {
  config: AppConfig;
  session: Session | null;
  /** Why the session last changed: 'expired' makes the pages say so instead of silently showing a sign-in form. */
  lastChange: SessionChange | null;
  signIn(tokens: { accessToken: string; refreshToken: string; expiresAt: string }): Session;
  signOut(): Promise<void>;
  /** Forgets the session without telling the server (after the account was deleted). */
  forget(): void;
}

const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside <ShopApp>');
  return state;
}

/** Loads /config.json, then provides the session and a GraphQL client for it. */
export function ShopApp({ storageKey, children }: { storageKey: string; children: ReactNode }) {
  const [config, setConfig] = useState<AppConfig | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    setError(null);
    loadConfig().then(setConfig, (e: Error) => setError(e));
  }, [attempt]);
  if (error) {
    return (
      <main className="page">
        <RequestError error={error} retry={() => setAttempt((n) => n + 1)} />
      </main>
    );
  }
  if (!config) return <Loading what="Starting" />;
  return (
    <SessionScope config={config} storageKey={storageKey}>
      {children}
    </SessionScope>
  );
}

function SessionScope({ config, storageKey, children }: { config: AppConfig; storageKey: string; children: ReactNode }) {
  const sessions = useMemo(
    () => new SessionManager(window.localStorage, storageKey, refreshCallFor(config), browserLocks()),
    [config, storageKey],
  );
  const [session, setSession] = useState<Session | null>(() => sessions.current());
  const [lastChange, setLastChange] = useState<SessionChange | null>(null);

  useEffect(() => {
    const unsubscribe = sessions.subscribe((next, reason) => {
      setSession(next);
      setLastChange(reason);
    });
    const onStorage = (e: StorageEvent) => sessions.storageChanged(e.key);
    window.addEventListener('storage', onStorage);
    return () => {
      unsubscribe();
      window.removeEventListener('storage', onStorage);
    };
  }, [sessions]);

  // One client per signed-in customer (and one for anonymous visitors): a new cache at every sign-in and sign-out.
  const identity = session?.customerId ?? 'anonymous';
  const shop = useMemo(() => createShopClient(config, sessions), [config, sessions, identity]);
  useEffect(() => () => shop.dispose(), [shop]);

  const state = useMemo<SessionState>(
    () => ({
      config,
      session,
      lastChange,
      signIn(tokens) {
        const next: Session = { ...tokens, ...claimsOf(tokens.accessToken) };
        sessions.signedIn(next);
        return next;
      },
      async signOut() {
        const current = sessions.current();
        sessions.signedOut('signed-out');
        // Best effort: the session ends here whatever the server says; the server revokes the refresh token.
        if (current) await postGraphQL(config, SignOutMutation, { refreshToken: current.refreshToken }).catch(() => undefined);
      },
      forget() {
        sessions.signedOut('signed-out');
      },
    }),
    [config, session, lastChange, sessions],
  );

  return (
    <SessionContext.Provider value={state}>
      <UrqlProvider value={shop.client}>{children}</UrqlProvider>
    </SessionContext.Provider>
  );
}
