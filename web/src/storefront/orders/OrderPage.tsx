import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { CancelOrderMutation, OrderStatusChangedSubscription } from '../../shared/orders/documents';
import { OrderSummary, StatusBadge } from '../../shared/orders/OrderSummary';
import { FINAL_STATUSES } from '../../shared/orders/statuses';
import { FormErrors, QueryState, RequestError, Status, TextField } from '../../shared/ui/components';
import { formatDateTime, formatMoney, humanize } from '../../shared/ui/format';
import { useResync } from '../../shared/graphql/useResync';
import { MyOrderQuery } from './documents';

/** The checkout saga's own statuses: it moves on from them within seconds of the order being placed. */
const SAGA_RUNNING: ReadonlySet<string> = new Set(['PENDING', 'RESERVED', 'PAID']);
/** When the page reads the order again while the saga runs (ms after it saw a saga status). */
const CATCH_UP_READS_MS = [2_000, 6_000];

/** The customer may cancel until the order is out for delivery (the server decides; this only hides the button). */
const CUSTOMER_CANCELLABLE = new Set(['PENDING', 'RESERVED', 'PAID', 'CONFIRMED', 'ASSEMBLING', 'READY_FOR_PICKUP']);

export function OrderPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const placed = (location.state as { placed?: string } | null)?.placed;
  const [result, refetch] = useQuery({ query: MyOrderQuery, variables: { id } });
  // Live: each event carries the order's new state, which the normalised cache puts on this page.
  const [live] = useSubscription({ query: OrderStatusChangedSubscription, variables: { orderId: id } });
  useResync(useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]));
  // Subscribe, then read: a step the saga took before this page's subscription was active upstream (the page opens
  // right after checkout, while the saga runs) is not an event this page will get, so while the saga runs the page
  // reads the order again; whatever happens after the subscription is active comes live.
  const sagaRunning = SAGA_RUNNING.has(result.data?.order?.status ?? '');
  useEffect(() => {
    if (!sagaRunning) return;
    const timers = CATCH_UP_READS_MS.map((ms) => window.setTimeout(() => refetch({ requestPolicy: 'network-only' }), ms));
    return () => timers.forEach((t) => window.clearTimeout(t));
  }, [sagaRunning, refetch]);
  return (
    <main id="main" className="page order">
      <p>
        <Link to="/orders">← All orders</Link>
      </p>
      {placed && <Status>Order {placed} placed. Its status below updates by itself.</Status>}
      <QueryState result={result} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading the order">
        {({ order, pickupPoints }) =>
          !order ? (
            <p role="alert">There is no such order among yours.</p>
          ) : (
            <>
              <h1>
                Order {order.number} <StatusBadge status={order.status} />
              </h1>
              <p className="muted">Placed {formatDateTime(order.placedAt)}</p>
              <p className="live-status" role="status" aria-live="polite" data-status={order.status}>
                Status: {humanize(order.status)}
                {order.failureReason ? ` — ${order.failureReason}` : ''}
              </p>
              {live.error && !FINAL_STATUSES.has(order.status) && (
                <p className="muted">Live updates are unavailable ({live.error.message}); reload to see the latest status.</p>
              )}
              <OrderSummary order={order} pickupPointName={pickupPoints.find((p) => p.id === order.delivery.pickupPointId)?.name} />
              {CUSTOMER_CANCELLABLE.has(order.status) && <CancelOrder orderId={order.id} total={formatMoney(order.total)} />}
              {order.status === 'CANCELLED' && (
                <p>
                  What you paid is refunded to your <Link to="/wallet">wallet</Link>.
                </p>
              )}
            </>
          )
        }
      </QueryState>
    </main>
  );
}

function CancelOrder({ orderId, total }: { orderId: string; total: string }) {
  const [open, setOpen] = useState(false);
  const [state, cancel] = useMutation(CancelOrderMutation);
  const errors = state.data?.cancelOrder.userErrors ?? [];
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget).get('reason') ?? '').trim();
    await cancel({ input: { id: orderId, reason: reason || null } });
  }
  if (!open) {
    return (
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        Cancel this order…
      </button>
    );
  }
  return (
    <form className="cancel" onSubmit={onSubmit} aria-labelledby="cancel-title">
      <h2 id="cancel-title">Cancel this order</h2>
      <p>Anything paid ({total}) goes back to your wallet.</p>
      <TextField label="Reason (optional)" name="reason" maxLength={500} />
      <FormErrors messages={errors.map((e) => e.message)} />
      {state.error && <RequestError error={state.error} />}
      <button type="submit" className="danger" disabled={state.fetching}>
        {state.fetching ? 'Cancelling…' : 'Cancel the order'}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        Keep it
      </button>
    </form>
  );
}
