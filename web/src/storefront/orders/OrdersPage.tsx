import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import type { OrderStatus } from '../../gql/graphql';
import { OrderStatusChangedSubscription } from '../../shared/orders/documents';
import { StatusBadge } from '../../shared/orders/OrderSummary';
import { ORDER_STATUSES } from '../../shared/orders/statuses';
import { Loading, RequestError, SelectField } from '../../shared/ui/components';
import { formatDateTime, formatMoney, humanize } from '../../shared/ui/format';
import { MyOrdersQuery } from './documents';

export function OrdersPage() {
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  // Every order of mine, live: statuses in the list change as the orders move.
  useSubscription({ query: OrderStatusChangedSubscription, variables: {} });
  return (
    <main id="main" className="page orders">
      <h1>Your orders</h1>
      <SelectField
        label="Status"
        value={status}
        onChange={(e) => {
          setStatus(e.target.value as OrderStatus | '');
          setCursors([null]);
        }}
      >
        <option value="">All</option>
        {ORDER_STATUSES.map((s) => (
          <option key={s} value={s}>
            {humanize(s)}
          </option>
        ))}
      </SelectField>
      <table className="orders-table">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Placed</th>
            <th scope="col">Status</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        {cursors.map((after, i) => (
          <OrdersPageRows
            key={`${status}:${after ?? ''}`}
            status={status || null}
            after={after}
            last={i === cursors.length - 1}
            onLoadMore={(c) => setCursors((cs) => [...cs, c])}
          />
        ))}
      </table>
    </main>
  );
}

function OrdersPageRows({
  status,
  after,
  last,
  onLoadMore,
}: {
  status: OrderStatus | null;
  after: string | null;
  last: boolean;
  onLoadMore: (cursor: string) => void;
}) {
  const [result, refetch] = useQuery({ query: MyOrdersQuery, variables: { first: 20, after, status } });
  if (!result.data) {
    return (
      <tbody>
        <tr>
          <td colSpan={4}>
            {result.error ? <RequestError error={result.error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : <Loading what="Loading orders" />}
          </td>
        </tr>
      </tbody>
    );
  }
  const { myOrders } = result.data;
  return (
    <tbody>
      {after === null && myOrders.totalCount === 0 && (
        <tr>
          <td colSpan={4}>No orders yet.</td>
        </tr>
      )}
      {myOrders.edges.map(({ node }) => (
        <tr key={node.id}>
          <th scope="row">
            <Link to={`/orders/${node.id}`}>{node.number}</Link>
          </th>
          <td>{formatDateTime(node.placedAt)}</td>
          <td>
            <StatusBadge status={node.status} />
          </td>
          <td className="money">{formatMoney(node.total)}</td>
        </tr>
      ))}
      {last && myOrders.pageInfo.hasNextPage && myOrders.pageInfo.endCursor && (
        <tr>
          <td colSpan={4}>
            <button type="button" onClick={() => onLoadMore(myOrders.pageInfo.endCursor!)}>
              Load more
            </button>
          </td>
        </tr>
      )}
    </tbody>
  );
}
