import { useCallback, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import type { OrderStatus } from '../../gql/graphql';
import { CancelOrderMutation, OrderStatusChangedSubscription } from '../../shared/orders/documents';
import { OrderSummary, StatusBadge } from '../../shared/orders/OrderSummary';
import { FormErrors, QueryState, RequestError, TextField } from '../../shared/ui/components';
import { formatDateTime, humanize } from '../../shared/ui/format';
import { useResync } from '../../shared/graphql/useResync';
import { AdminOrderQuery, AdvanceOrderMutation } from './documents';
import { adminCanCancel, nextStatuses } from './transitions';

export function OrderPage() {
  const { id = '' } = useParams();
  const [result, refetch] = useQuery({ query: AdminOrderQuery, variables: { id } });
  useSubscription({ query: OrderStatusChangedSubscription, variables: { orderId: id } });
  useResync(useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]));
  return (
    <main id="main" className="page">
      <p>
        <Link to="/orders">← Orders</Link>
      </p>
      <QueryState result={result} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading the order">
        {({ order, pickupPoints }) =>
          !order ? (
            <p role="alert">No order with this id.</p>
          ) : (
            <>
              <h1>
                Order {order.number} <StatusBadge status={order.status} />
              </h1>
              <p>
                <Link to={`/customers/${order.customer.id}`}>{order.customer.name}</Link> ({order.customer.email}) · placed {formatDateTime(order.placedAt)}
              </p>
              {order.failureReason && <p className="alert warning">{order.failureReason}</p>}
              <Actions id={order.id} status={order.status} method={order.delivery.method} />
              <OrderSummary order={order} pickupPointName={pickupPoints.find((p) => p.id === order.delivery.pickupPointId)?.name} />
            </>
          )
        }
      </QueryState>
    </main>
  );
}

function Actions({ id, status, method }: { id: string; status: OrderStatus; method: 'ADDRESS' | 'PICKUP' }) {
  const [advance, doAdvance] = useMutation(AdvanceOrderMutation);
  const [cancel, doCancel] = useMutation(CancelOrderMutation);
  const [cancelling, setCancelling] = useState(false);
  const errors = [...(advance.data?.advanceOrder.userErrors ?? []), ...(cancel.data?.cancelOrder.userErrors ?? [])].map((e) => e.message);
  const next = nextStatuses(status, method);
  async function onCancel(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget).get('reason') ?? '').trim();
    const r = await doCancel({ input: { id, reason: reason || null } });
    if (r.data?.cancelOrder.userErrors.length === 0) setCancelling(false);
  }
  return (
    <section aria-labelledby="actions-title" className="actions">
      <h2 id="actions-title">Actions</h2>
      <FormErrors messages={errors} />
      {(advance.error ?? cancel.error) && <RequestError error={(advance.error ?? cancel.error)!} />}
      {next.length === 0 && !adminCanCancel(status) && <p className="muted">Nothing more to do with this order.</p>}
      {next.map((s) => (
        <button key={s} type="button" disabled={advance.fetching} onClick={() => void doAdvance({ input: { id, status: s } })}>
          Mark as {humanize(s).toLowerCase()}
        </button>
      ))}{' '}
      {adminCanCancel(status) &&
        (cancelling ? (
          <form onSubmit={onCancel} className="cancel">
            <TextField label="Reason for the customer" name="reason" required />
            <button type="submit" className="danger" disabled={cancel.fetching}>
              Cancel and refund
            </button>{' '}
            <button type="button" className="secondary" onClick={() => setCancelling(false)}>
              Keep the order
            </button>
          </form>
        ) : (
          <button type="button" className="danger" onClick={() => setCancelling(true)}>
            Cancel…
          </button>
        ))}
    </section>
  );
}
