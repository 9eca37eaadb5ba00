import { useLocation } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { FormErrors, RequestError, Status } from '../../shared/ui/components';
import { formatDate } from '../../shared/ui/format';
import { SignInProvidersQuery, UnlinkProviderMutation } from '../auth/providerDocuments';
import { useProviderRedirect } from '../auth/ProviderButtons';

/**
 * The external sign-in providers of the account: those linked (since when; unlink) and those it could link (link:
 * off to the provider and back through /auth/callback). Hidden when the shop has no provider and none is linked.
 */
export function LinkedProviders({ linked }: { linked: readonly { provider: string; linkedAt: string }[] }) {
  const [providers] = useQuery({ query: SignInProvidersQuery });
  const [unlinkState, unlink] = useMutation(UnlinkProviderMutation);
  const redirect = useProviderRedirect('link', '/account');
  const location = useLocation();
  const justLinked = (location.state as { linked?: string } | null)?.linked;
  const all = providers.data?.signInProviders ?? [];
  if (all.length === 0 && linked.length === 0) return null;
  const nameOf = (id: string) => all.find((p) => p.id === id)?.name ?? id;
  const linkable = all.filter((p) => !linked.some((l) => l.provider === p.id));
  const unlinkErrors = unlinkState.data?.unlinkProvider.userErrors.map((e) => e.message) ?? [];
  const unlinked = unlinkState.data && unlinkErrors.length === 0 ? unlinkState.operation?.variables.provider : undefined;
  return (
    <div className="providers">
      <h3 id="linked-providers-title">Sign-in providers</h3>
      <FormErrors messages={[...unlinkErrors, ...redirect.errors]} />
      {unlinkState.error && <RequestError error={unlinkState.error} />}
      {redirect.requestError && <RequestError error={redirect.requestError} />}
      {justLinked && linked.some((l) => l.provider === justLinked) && <Status>{nameOf(justLinked)} is linked: you can sign in with it.</Status>}
      {unlinked && <Status>{nameOf(unlinked)} is no longer linked.</Status>}
      <ul aria-labelledby="linked-providers-title">
        {linked.map((l) => (
          <li key={l.provider}>
            <span>
              {nameOf(l.provider)} — linked {formatDate(l.linkedAt)}
            </span>
            <button type="button" className="secondary" disabled={unlinkState.fetching} onClick={() => void unlink({ provider: l.provider })}>
              Unlink {nameOf(l.provider)}
            </button>
          </li>
        ))}
        {linkable.map((p) => (
          <li key={p.id}>
            <span className="muted">{p.name} — not linked</span>
            <button type="button" className="secondary" disabled={redirect.busy} onClick={() => void redirect.start(p.id)}>
              Link {p.name}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
