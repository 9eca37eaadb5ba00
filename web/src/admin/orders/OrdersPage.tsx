import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import type { OrderFilter, OrderStatus } from '../../gql/graphql';
import { StatusBadge } from '../../shared/orders/OrderSummary';
import { Loading, RequestError, SelectField, TextField } from '../../shared/ui/components';
import { formatDateTime, formatMoney, humanize } from '../../shared/ui/format';
import { ORDER_STATUSES } from '../../shared/orders/statuses';
import { AdminOrdersQuery } from './documents';

/** The list's filters, kept in the URL (a customer's page links here with ?customer=ID). */
function filterOf(params: URLSearchParams): OrderFilter {
  const filter: OrderFilter = {};
  if (params.get('number')) filter.number = params.get('number');
  if (params.get('customer')) filter.customerId = params.get('customer');
  if (params.get('status')) filter.status = params.get('status') as OrderStatus;
  if (params.get('from')) filter.placedFrom = `${params.get('from')}T00:00:00Z`;
  if (params.get('to')) {
    const [y, m, d] = params.get('to')!.split('-').map(Number);
    filter.placedTo = new Date(Date.UTC(y, m - 1, d + 1)).toISOString();
  }
  return filter;
}

export function OrdersPage() {
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const key = params.toString();
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    for (const n of ['number', 'customer', 'status', 'from', 'to']) {
      const v = String(f.get(n) ?? '').trim();
      if (v) next.set(n, v);
    }
    setCursors([null]);
    setParams(next);
  }
  return (
    <main id="main" className="page">
      <h1>Orders</h1>
      <form className="filters" onSubmit={onSubmit} aria-label="Filter orders" key={key}>
        <TextField label="Order number" name="number" defaultValue={params.get('number') ?? ''} placeholder="SO-2026-000123" />
        <TextField label="Customer id" name="customer" defaultValue={params.get('customer') ?? ''} hint="Open a customer to filter by them." />
        <SelectField label="Status" name="status" defaultValue={params.get('status') ?? ''}>
          <option value="">Any</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </SelectField>
        <TextField label="Placed from" name="from" type="date" defaultValue={params.get('from') ?? ''} />
        <TextField label="Placed to (included)" name="to" type="date" defaultValue={params.get('to') ?? ''} />
        <button type="submit">Filter</button>
      </form>
      <table>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Customer</th>
            <th scope="col">Placed</th>
            <th scope="col">Status</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        {cursors.map((after, i) => (
          <Rows key={`${key}:${after ?? ''}`} filter={filter} after={after} last={i === cursors.length - 1} onMore={(c) => setCursors((cs) => [...cs, c])} />
        ))}
      </table>
    </main>
  );
}

function Rows({ filter, after, last, onMore }: { filter: OrderFilter; after: string | null; last: boolean; onMore: (c: string) => void }) {
  const [result, refetch] = useQuery({ query: AdminOrdersQuery, variables: { first: 20, after, filter } });
  if (!result.data) {
    return (
      <tbody>
        <tr>
          <td colSpan={5}>{result.error ? <RequestError error={result.error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : <Loading what="Loading orders" />}</td>
        </tr>
      </tbody>
    );
  }
  const { orders } = result.data;
  return (
    <tbody>
      {after === null && (
        <tr>
          <td colSpan={5} className="muted">
            {orders.totalCount} order{orders.totalCount === 1 ? '' : 's'}
          </td>
        </tr>
      )}
      {orders.edges.map(({ node }) => (
        <tr key={node.id}>
          <th scope="row">
            <Link to={`/orders/${node.id}`}>{node.number}</Link>
          </th>
          <td>
            <Link to={`/customers/${node.customer.id}`}>{node.customer.name}</Link>
          </td>
          <td>{formatDateTime(node.placedAt)}</td>
          <td>
            <StatusBadge status={node.status} />
          </td>
          <td className="money">{formatMoney(node.total)}</td>
        </tr>
      ))}
      {last && orders.pageInfo.hasNextPage && orders.pageInfo.endCursor && (
        <tr>
          <td colSpan={5}>
            <button type="button" onClick={() => onMore(orders.pageInfo.endCursor!)}>
              Load more
            </button>
          </td>
        </tr>
      )}
    </tbody>
  );
}
