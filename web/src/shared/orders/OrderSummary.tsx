import type { OrderDetailFieldsFragment } from '../../gql/graphql';
import { formatAddress } from '../ui/address';
import { PriceBreakdown } from './PriceBreakdown';
import { formatDateTime, formatMoney, humanize } from '../ui/format';

export function StatusBadge({ status }: { status: string }) {
  return <span className={`status status-${status.toLowerCase()}`}>{humanize(status)}</span>;
}

/** Lines, price breakdown, delivery and the status timeline of one order. */
export function OrderSummary({ order, pickupPointName }: { order: OrderDetailFieldsFragment; pickupPointName?: string }) {
  return (
    <>
      <section aria-labelledby="lines-title">
        <h2 id="lines-title">Items</h2>
        <table className="lines">
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Quantity</th>
              <th scope="col">Unit price</th>
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((l) => (
              <tr key={l.product.id}>
                <th scope="row">{l.productName}</th>
                <td>{l.quantity}</td>
                <td className="money">{formatMoney(l.unitPrice)}</td>
                <td className="money">{formatMoney(l.lineTotal)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <PriceBreakdown price={order} />
      </section>
      <section aria-labelledby="delivery-title">
        <h2 id="delivery-title">Delivery</h2>
        <p>
          {order.delivery.method === 'PICKUP'
            ? `Pickup at ${pickupPointName ?? 'the warehouse'}`
            : `Delivery to ${formatAddress(order.delivery.address)}`}
        </p>
        {order.estimatedDeliveryAt && <p>Expected {order.delivery.method === 'PICKUP' ? 'ready' : 'delivery'}: {formatDateTime(order.estimatedDeliveryAt)}</p>}
      </section>
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Status timeline</h2>
        <ol className="timeline">
          {order.statusHistory.map((change, i) => (
            <li key={`${change.status}-${i}`}>
              <StatusBadge status={change.status} /> <time dateTime={change.at}>{formatDateTime(change.at)}</time>
              {change.reason && <span className="muted"> — {change.reason}</span>}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
