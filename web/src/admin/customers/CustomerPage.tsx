import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { StatusBadge } from '../../shared/orders/OrderSummary';
import { formatAddress } from '../../shared/ui/address';
import { QueryState } from '../../shared/ui/components';
import { formatDate, formatDateTime, formatMoney, humanize } from '../../shared/ui/format';
import { CustomerQuery } from './documents';

export function CustomerPage() {
  const { id = '' } = useParams();
  const [result, refetch] = useQuery({ query: CustomerQuery, variables: { id } });
  return (
    <main id="main" className="page">
      <p>
        <Link to="/customers">← Customers</Link>
      </p>
      <QueryState result={result} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading the customer">
        {({ customer }) =>
          !customer ? (
            <p role="alert">No customer with this id (or the account was deleted).</p>
          ) : (
            <>
              <h1>{customer.name}</h1>
              {customer.erasedAt && <p className="alert warning">Erased on {formatDateTime(customer.erasedAt)}: personal data removed.</p>}
              <p>
                {customer.email}
                {customer.phone ? ` · ${customer.phone}` : ''} · {humanize(customer.role)} since {formatDate(customer.createdAt)}
              </p>
              <h2>Addresses</h2>
              {customer.addresses.length === 0 ? <p>None saved.</p> : (
                <ul>
                  {customer.addresses.map((a) => (
                    <li key={a.id}>{formatAddress(a.address)}</li>
                  ))}
                </ul>
              )}
              <h2>Wallet</h2>
              {customer.wallet ? (
                <>
                  <p>
                    Balance: <strong>{formatMoney(customer.wallet.balance)}</strong> · {customer.wallet.transactions.totalCount} transactions
                  </p>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">When</th>
                        <th scope="col">What</th>
                        <th scope="col">Amount</th>
                        <th scope="col">Balance after</th>
                      </tr>
                    </thead>
                    <tbody>
                      {customer.wallet.transactions.edges.map(({ node }) => (
                        <tr key={node.id}>
                          <td>{formatDateTime(node.createdAt)}</td>
                          <td>
                            {humanize(node.kind)}
                            {node.reason && <span className="muted"> — {node.reason}</span>}
                          </td>
                          <td className="money">{formatMoney(node.amount)}</td>
                          <td className="money">{formatMoney(node.balanceAfter)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              ) : (
                <p>No wallet.</p>
              )}
              <h2>Orders</h2>
              <p>
                {customer.orders.totalCount} order{customer.orders.totalCount === 1 ? '' : 's'} ·{' '}
                <Link to={`/orders?customer=${customer.id}`}>Filter the order list by this customer</Link>
              </p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Order</th>
                    <th scope="col">Placed</th>
                    <th scope="col">Status</th>
                    <th scope="col">Total</th>
                  </tr>
                </thead>
                <tbody>
                  {customer.orders.edges.map(({ node }) => (
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
                </tbody>
              </table>
            </>
          )
        }
      </QueryState>
    </main>
  );
}
