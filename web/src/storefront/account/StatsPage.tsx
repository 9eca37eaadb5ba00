import { useQuery } from 'urql';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { QueryState } from '../../shared/ui/components';
import { formatMoney } from '../../shared/ui/format';
import { MyStatsQuery } from './documents';
import { spendingByMonth } from './spending';

export function StatsPage() {
  const [result, refetch] = useQuery({ query: MyStatsQuery });
  return (
    <main id="main" className="page stats">
      <h1>Your statistics</h1>
      <QueryState result={result} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading your statistics">
        {({ myOrderStats, myOrders }) => {
          const months = spendingByMonth(myOrders.edges.map((e) => e.node));
          const currency = myOrderStats.totalSpent.currency;
          return (
            <>
              <dl className="kpis">
                <div>
                  <dt>Orders</dt>
                  <dd data-testid="order-count">{myOrderStats.orderCount}</dd>
                </div>
                <div>
                  <dt>Total spent</dt>
                  <dd>{formatMoney(myOrderStats.totalSpent)}</dd>
                </div>
                <div>
                  <dt>Average order</dt>
                  <dd>{formatMoney(myOrderStats.averageOrderValue)}</dd>
                </div>
              </dl>
              <h2 id="spending-title">Spending by month</h2>
              {months.length === 0 ? (
                <p>No paid orders yet.</p>
              ) : (
                <figure aria-labelledby="spending-title">
                  <div className="chart" role="img" aria-label={months.map((m) => `${m.month}: ${m.spent} ${currency}`).join('; ')}>
                    <ResponsiveContainer width="100%" height={220}>
                      <BarChart data={months}>
                        <CartesianGrid strokeDasharray="3 3" />
                        <XAxis dataKey="month" />
                        <YAxis />
                        <Tooltip formatter={(v) => formatMoney({ amount: Number(v).toFixed(2), currency })} />
                        <Bar dataKey="value" name="Spent" fill="#2b6cb0" />
                      </BarChart>
                    </ResponsiveContainer>
                  </div>
                  <figcaption className="muted">From your last 100 orders; cancelled and failed orders are not counted.</figcaption>
                </figure>
              )}
            </>
          );
        }}
      </QueryState>
    </main>
  );
}
