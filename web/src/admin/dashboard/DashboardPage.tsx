import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { QueryState, TextField } from '../../shared/ui/components';
import { formatMoney, humanize } from '../../shared/ui/format';
import { toCents } from '../../shared/ui/money';
import { DashboardQuery, TopCustomersQuery } from './documents';
import { fillDays, lastDays, rangeVariables, type DayRange } from './range';

export function DashboardPage() {
  const [range, setRange] = useState<DayRange>(() => lastDays(30));
  const [result, refetch] = useQuery({ query: DashboardQuery, variables: rangeVariables(range) });
  const [rangeError, setRangeError] = useState<string[]>([]);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const from = String(form.get('from'));
    const to = String(form.get('to'));
    if (!from || !to || to < from) {
      setRangeError(['The last day must be on or after the first day.']);
      return;
    }
    setRangeError([]);
    setRange({ from, to });
  }

  return (
    <main id="main" className="page dashboard">
      <h1>Dashboard</h1>
      <form className="filters" onSubmit={onSubmit} aria-label="Date range">
        <TextField label="From (UTC day)" name="from" type="date" defaultValue={range.from} required />
        <TextField label="To (UTC day, included)" name="to" type="date" defaultValue={range.to} required errors={rangeError} />
        <button type="submit">Show</button>
      </form>
      <QueryState result={result} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading statistics">
        {({ orderStats }) => {
          const currency = orderStats.averageOrderValue.currency;
          const days = fillDays(
            range,
            orderStats.revenueByDay.map((d) => ({ day: d.day, revenue: toCents(d.revenue.amount) / 100, orders: d.orderCount })),
            (day) => ({ day, revenue: 0, orders: 0 }),
          );
          const totalRevenue = orderStats.revenueByDay.reduce((sum, d) => sum + toCents(d.revenue.amount), 0);
          const money = (v: unknown) => formatMoney({ amount: Number(v).toFixed(2), currency });
          return (
            <>
              <dl className="kpis">
                <div>
                  <dt>Revenue</dt>
                  <dd data-testid="revenue-total">{money(totalRevenue / 100)}</dd>
                </div>
                <div>
                  <dt>Paid orders</dt>
                  <dd>{orderStats.revenueByDay.reduce((n, d) => n + d.orderCount, 0)}</dd>
                </div>
                <div>
                  <dt>Average order value</dt>
                  <dd data-testid="aov">{formatMoney(orderStats.averageOrderValue)}</dd>
                </div>
              </dl>
              <div className="charts">
                <figure aria-labelledby="revenue-title">
                  <h2 id="revenue-title">Revenue by day</h2>
                  <div
                    className="chart"
                    data-testid="revenue-chart"
                    role="img"
                    aria-label={orderStats.revenueByDay.length === 0 ? 'No revenue in this range' : orderStats.revenueByDay.map((d) => `${d.day}: ${d.revenue.amount} ${currency}`).join('; ')}
                  >
                    <ResponsiveContainer width="100%" height={260}>
                      <LineChart data={days}>
                        <CartesianGrid strokeDasharray="3 3" />
                        <XAxis dataKey="day" />
                        <YAxis />
                        <Tooltip formatter={money} />
                        <Line type="linear" dataKey="revenue" name="Revenue" stroke="#2b6cb0" isAnimationActive={false} />
                      </LineChart>
                    </ResponsiveContainer>
                  </div>
                </figure>
                <figure aria-labelledby="status-title">
                  <h2 id="status-title">Orders by status</h2>
                  <div
                    className="chart"
                    data-testid="status-chart"
                    role="img"
                    aria-label={orderStats.countsByStatus.map((c) => `${humanize(c.status)}: ${c.count}`).join('; ') || 'No orders in this range'}
                  >
                    <ResponsiveContainer width="100%" height={260}>
                      <BarChart data={orderStats.countsByStatus.map((c) => ({ status: humanize(c.status), count: c.count }))}>
                        <CartesianGrid strokeDasharray="3 3" />
                        <XAxis dataKey="status" />
                        <YAxis allowDecimals={false} />
                        <Tooltip />
                        <Bar dataKey="count" name="Orders" fill="#38a169" isAnimationActive={false} />
                      </BarChart>
                    </ResponsiveContainer>
                  </div>
                </figure>
              </div>
              <h2>Revenue by day</h2>
              <table data-testid="revenue-table">
                <thead>
                  <tr>
                    <th scope="col">Day (UTC)</th>
                    <th scope="col">Paid orders</th>
                    <th scope="col">Revenue</th>
                  </tr>
                </thead>
                <tbody>
                  {orderStats.revenueByDay.length === 0 && (
                    <tr>
                      <td colSpan={3}>No paid orders in this range.</td>
                    </tr>
                  )}
                  {orderStats.revenueByDay.map((d) => (
                    <tr key={d.day}>
                      <th scope="row">{d.day}</th>
                      <td>{d.orderCount}</td>
                      <td className="money">{formatMoney(d.revenue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <TopCustomers variables={rangeVariables(range)} />
            </>
          );
        }}
      </QueryState>
    </main>
  );
}

function TopCustomers({ variables }: { variables: { from: string; to: string } }) {
  const [result, refetch] = useQuery({ query: TopCustomersQuery, variables });
  return (
    <section aria-labelledby="top-title">
      <h2 id="top-title">Top customers</h2>
      <QueryState result={result} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading top customers">
        {({ orderStats }) => (
          <table>
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Paid orders</th>
                <th scope="col">Spent</th>
              </tr>
            </thead>
            <tbody>
              {orderStats.topCustomers.length === 0 && (
                <tr>
                  <td colSpan={3}>No customers in this range.</td>
                </tr>
              )}
              {orderStats.topCustomers.map((t) => (
                <tr key={t.customer.id}>
                  <th scope="row">
                    <Link to={`/customers/${t.customer.id}`}>{t.customer.name}</Link> <span className="muted">{t.customer.email}</span>
                  </th>
                  <td>{t.orderCount}</td>
                  <td className="money">{formatMoney(t.totalSpent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}
