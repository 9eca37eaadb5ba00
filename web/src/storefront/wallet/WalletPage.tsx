import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import type { WalletQuery as WalletQueryData } from '../../gql/graphql';
import { FormErrors, Loading, QueryState, RequestError, Status, TextField } from '../../shared/ui/components';
import { formatDateTime, formatMoney, humanize } from '../../shared/ui/format';
import { groupUserErrors } from '../../shared/ui/userErrors';
import { TopUpMutation, WalletQuery } from './documents';

export function WalletPage() {
  const [result, refetch] = useQuery({ query: WalletQuery, variables: { first: 20, after: null } });
  return (
    <main id="main" className="page wallet">
      <h1>Wallet</h1>
      <QueryState result={result} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading your wallet">
        {({ myWallet }) => (
          <>
            <p className="balance">
              Balance: <strong data-testid="balance">{formatMoney(myWallet.balance)}</strong>
            </p>
            <TopUpForm />
            <h2>History</h2>
            <table className="transactions">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">What</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Balance after</th>
                </tr>
              </thead>
              <TransactionRows first={myWallet.transactions} />
            </table>
          </>
        )}
      </QueryState>
    </main>
  );
}

type Transactions = WalletQueryData['myWallet']['transactions'];

function TransactionRows({ first }: { first: Transactions }) {
  const [pages, setPages] = useState<string[]>([]);
  const lastInfo = first.pageInfo;
  return (
    <>
      <Rows connection={first} />
      {pages.map((after, i) => (
        <MoreRows key={after} after={after} last={i === pages.length - 1} onMore={(c) => setPages((p) => [...p, c])} />
      ))}
      {pages.length === 0 && lastInfo.hasNextPage && lastInfo.endCursor && (
        <tbody>
          <tr>
            <td colSpan={4}>
              <button type="button" onClick={() => setPages([lastInfo.endCursor!])}>
                Load more
              </button>
            </td>
          </tr>
        </tbody>
      )}
    </>
  );
}

function MoreRows({ after, last, onMore }: { after: string; last: boolean; onMore: (cursor: string) => void }) {
  const [result, refetch] = useQuery({ query: WalletQuery, variables: { first: 20, after } });
  const connection = result.data?.myWallet.transactions;
  if (!connection) {
    return (
      <tbody>
        <tr>
          <td colSpan={4}>{result.error ? <RequestError error={result.error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : <Loading />}</td>
        </tr>
      </tbody>
    );
  }
  return (
    <>
      <Rows connection={connection} />
      {last && connection.pageInfo.hasNextPage && connection.pageInfo.endCursor && (
        <tbody>
          <tr>
            <td colSpan={4}>
              <button type="button" onClick={() => onMore(connection.pageInfo.endCursor!)}>
                Load more
              </button>
            </td>
          </tr>
        </tbody>
      )}
    </>
  );
}

function Rows({ connection }: { connection: Transactions }) {
  return (
    <tbody>
      {connection.edges.length === 0 && (
        <tr>
          <td colSpan={4}>No transactions yet.</td>
        </tr>
      )}
      {connection.edges.map(({ node }) => (
        <tr key={node.id} data-kind={node.kind}>
          <td>{formatDateTime(node.createdAt)}</td>
          <td>
            {humanize(node.kind)}
            {node.orderId && (
              <>
                {' '}
                (<Link to={`/orders/${node.orderId}`}>order</Link>)
              </>
            )}
            {node.reason && <span className="muted"> — {node.reason}</span>}
          </td>
          <td className="money">{formatMoney(node.amount)}</td>
          <td className="money">{formatMoney(node.balanceAfter)}</td>
        </tr>
      ))}
    </tbody>
  );
}

function TopUpForm() {
  const [state, topUp] = useMutation(TopUpMutation);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [done, setDone] = useState<string | null>(null);
  const errors = groupUserErrors(state.data?.topUpWallet.userErrors, ['amount', 'idempotencyKey']);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setDone(null);
    const form = e.currentTarget;
    const amount = String(new FormData(form).get('amount') ?? '').trim();
    const result = await topUp({ input: { amount, idempotencyKey } });
    if (result.data?.topUpWallet.wallet && result.data.topUpWallet.userErrors.length === 0) {
      // The next top-up is a new payment; a retry of this one (after a network error) reuses the key.
      setIdempotencyKey(crypto.randomUUID());
      setDone(`Added ${amount}. New balance: ${formatMoney(result.data.topUpWallet.wallet.balance)}.`);
      form.reset();
    }
  }
  return (
    <form className="top-up" onSubmit={onSubmit} aria-labelledby="top-up-title">
      <h2 id="top-up-title">Top up</h2>
      <FormErrors messages={errors.general().concat(errors.forField('idempotencyKey'))} />
      {state.error && <RequestError error={state.error} />}
      <TextField label="Amount" name="amount" inputMode="decimal" required pattern="\d+(\.\d{1,2})?" hint="e.g. 50.00" errors={errors.forField('amount')} />
      <button type="submit" disabled={state.fetching}>
        {state.fetching ? 'Topping up…' : 'Top up'}
      </button>
      {done && <Status>{done}</Status>}
    </form>
  );
}
