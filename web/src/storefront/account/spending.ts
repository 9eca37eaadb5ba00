import { fromCents, toCents } from '../../shared/ui/money';

/** Orders that were paid for and not given back: what "spent" means in myOrderStats. */
const SPENT_STATUSES = new Set(['PAID', 'CONFIRMED', 'ASSEMBLING', 'OUT_FOR_DELIVERY', 'READY_FOR_PICKUP', 'DELIVERED', 'PICKED_UP']);

export interface MonthSpending {
  /** "2026-11" */
  month: string;
  /** Decimal string, for display. */
  spent: string;
  /** The same as a number of major units, for the chart's axis. */
  value: number;
  orders: number;
}

/**
 * Spending per calendar month (UTC) over the given orders, oldest month first, with empty months in between
 * filled with zero so the chart's time axis is honest.
 */
export function spendingByMonth(orders: readonly { status: string; placedAt: string; total: { amount: string } }[]): MonthSpending[] {
  const byMonth = new Map<string, { cents: number; orders: number }>();
  for (const o of orders) {
    if (!SPENT_STATUSES.has(o.status)) continue;
    const month = o.placedAt.slice(0, 7);
    const m = byMonth.get(month) ?? { cents: 0, orders: 0 };
    m.cents += toCents(o.total.amount);
    m.orders += 1;
    byMonth.set(month, m);
  }
  if (byMonth.size === 0) return [];
  const months = [...byMonth.keys()].sort();
  const result: MonthSpending[] = [];
  for (let month = months[0]; month <= months[months.length - 1]; month = nextMonth(month)) {
    const m = byMonth.get(month) ?? { cents: 0, orders: 0 };
    result.push({ month, spent: fromCents(m.cents), value: m.cents / 100, orders: m.orders });
  }
  return result;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
