import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { FormErrors, RequestError } from '../../shared/ui/components';
import { SignInProvidersQuery, StartProviderLinkMutation, StartProviderSignInMutation } from './providerDocuments';
import { callbackUri, rememberFlow, type FlowKind } from './providerFlow';

export interface ProviderRedirect {
  /** Asks the server for the provider's authorization URL, remembers the flow in this tab, and leaves for the provider. */
  start(provider: string): Promise<void>;
  busy: boolean;
  errors: string[];
  requestError: Error | null;
}

/** Starts a sign-in ('sign-in') or an account link ('link', signed in) with an external provider; back at `next`. */
export function useProviderRedirect(kind: FlowKind, next: string): ProviderRedirect {
  const [signInState, startSignIn] = useMutation(StartProviderSignInMutation);
  const [linkState, startLink] = useMutation(StartProviderLinkMutation);
  const [leaving, setLeaving] = useState(false);
  const state = kind === 'sign-in' ? signInState : linkState;
  const payload = kind === 'sign-in' ? signInState.data?.startProviderSignIn : linkState.data?.startProviderLink;
  return {
    async start(provider: string) {
      const redirectUri = callbackUri(window.location.origin);
      const input = { provider, redirectUri };
      const r = kind === 'sign-in' ? await startSignIn({ input }) : await startLink({ input });
      const started = r.data && ('startProviderSignIn' in r.data ? r.data.startProviderSignIn : r.data.startProviderLink);
      if (started?.authorizationUrl && started.state && started.userErrors.length === 0) {
        rememberFlow(window.sessionStorage, { kind, provider, state: started.state, redirectUri, next });
        setLeaving(true);
        window.location.assign(started.authorizationUrl);
      }
    },
    busy: state.fetching || leaving,
    errors: payload?.userErrors.map((e) => e.message) ?? [],
    requestError: state.error ?? null,
  };
}

/** "Continue with …" for each configured provider (nothing when none is configured or they cannot be listed). */
export function ProviderSignIn({ next }: { next: string }) {
  const [providers] = useQuery({ query: SignInProvidersQuery });
  const redirect = useProviderRedirect('sign-in', next);
  const list = providers.data?.signInProviders ?? [];
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="providers-title" className="providers">
      <h2 id="providers-title">Or continue with</h2>
      <FormErrors messages={redirect.errors} />
      {redirect.requestError && <RequestError error={redirect.requestError} />}
      <ul className="plain">
        {list.map((p) => (
          <li key={p.id}>
            <button type="button" className="secondary" disabled={redirect.busy} onClick={() => void redirect.start(p.id)}>
              Continue with {p.name}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
