import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { PrivacyRequestKind } from '../../gql/graphql';
import { QueryState, SelectField } from '../../shared/ui/components';
import { formatDateTime, formatMoney, humanize } from '../../shared/ui/format';

export const PrivacyRequestsQuery = graphql(`
  query PrivacyRequests($first: Int!, $kind: PrivacyRequestKind) {
    privacyRequests(first: $first, kind: $kind) {
      totalCount
      edges { node { id kind customerId status requestedAt completedAt attempts failureReason steps { source completedAt detail } } }
    }
  }
`);

export const ClosedWalletsQuery = graphql(`
  query ClosedWallets($first: Int!, $owing: Boolean) {
    closedWallets(first: $first, owing: $owing) {
      totalCount
      edges { node { customerId closedAt balance { amount currency } paidOut { amount currency } payoutStatus payoutAttempts lastPayoutAttemptAt lastPayoutError } }
    }
  }
`);

/** The audit of data exports and erasures, and the money owed to erased customers. */
export function PrivacyPage() {
  const [kind, setKind] = useState<PrivacyRequestKind | ''>('');
  const [requests, refetch] = useQuery({ query: PrivacyRequestsQuery, variables: { first: 50, kind: kind || null } });
  const [wallets, refetchWallets] = useQuery({ query: ClosedWalletsQuery, variables: { first: 50, owing: null } });
  return (
    <main id="main" className="page">
      <h1>Privacy</h1>
      <h2>Exports and erasures</h2>
      <SelectField label="Kind" value={kind} onChange={(e) => setKind(e.target.value as PrivacyRequestKind | '')}>
        <option value="">All</option>
        <option value="DATA_EXPORT">Data exports</option>
        <option value="ERASURE">Erasures</option>
      </SelectField>
      <QueryState result={requests} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading the audit">
        {({ privacyRequests }) => (
          <table>
            <thead>
              <tr>
                <th scope="col">Requested</th>
                <th scope="col">Kind</th>
                <th scope="col">Customer</th>
                <th scope="col">Status</th>
                <th scope="col">Steps</th>
              </tr>
            </thead>
            <tbody>
              {privacyRequests.edges.length === 0 && (
                <tr>
                  <td colSpan={5}>None yet.</td>
                </tr>
              )}
              {privacyRequests.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{formatDateTime(node.requestedAt)}</td>
                  <td>{humanize(node.kind)}</td>
                  <td>
                    <Link to={`/customers/${node.customerId}`}>{node.customerId.slice(0, 8)}</Link>
                  </td>
                  <td>
                    {humanize(node.status)}
                    {node.failureReason && <span className="field-error"> {node.failureReason}</span>}
                    {node.attempts > 1 && <span className="muted"> ({node.attempts} attempts)</span>}
                  </td>
                  <td>
                    <ul>
                      {node.steps.map((s) => (
                        <li key={s.source}>
                          {s.source}: {s.completedAt ? s.detail ?? 'done' : 'waiting'}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
      <h2>Closed wallets</h2>
      <QueryState result={wallets} retry={() => refetchWallets({ requestPolicy: 'network-only' })} what="Loading closed wallets">
        {({ closedWallets }) => (
          <table>
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Closed</th>
                <th scope="col">Owed</th>
                <th scope="col">Paid out</th>
                <th scope="col">Payout</th>
              </tr>
            </thead>
            <tbody>
              {closedWallets.edges.length === 0 && (
                <tr>
                  <td colSpan={5}>None.</td>
                </tr>
              )}
              {closedWallets.edges.map(({ node }) => (
                <tr key={node.customerId}>
                  <td>{node.customerId.slice(0, 8)}</td>
                  <td>{formatDateTime(node.closedAt)}</td>
                  <td className="money">{formatMoney(node.balance)}</td>
                  <td className="money">{formatMoney(node.paidOut)}</td>
                  <td>
                    {humanize(node.payoutStatus)}
                    {node.lastPayoutError && <span className="field-error"> {node.lastPayoutError}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </main>
  );
}
