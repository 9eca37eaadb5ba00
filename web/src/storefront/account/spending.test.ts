import { describe, expect, it } from 'vitest';
import { spendingByMonth } from './spending';

const order = (status: string, placedAt: string, amount: string) => ({ status, placedAt, total: { amount } });

describe('spendingByMonth', () => {
  it('sums paid orders per month, skips cancelled and failed ones, and fills the months between', () => {
    const months = spendingByMonth([
      order('CONFIRMED', '2026-09-03T10:00:00Z', '10.10'),
      order('DELIVERED', '2026-09-20T10:00:00Z', '0.20'),
      order('CANCELLED', '2026-10-01T10:00:00Z', '99.00'),
      order('FAILED', '2026-10-02T10:00:00Z', '99.00'),
      order('PICKED_UP', '2026-11-30T23:59:59Z', '5.00'),
      order('PENDING', '2026-12-01T00:00:00Z', '1.00'),
    ]);
    expect(months).toEqual([
      { month: '2026-09', spent: '10.30', value: 10.3, orders: 2 },
      { month: '2026-10', spent: '0.00', value: 0, orders: 0 },
      { month: '2026-11', spent: '5.00', value: 5, orders: 1 },
    ]);
  });

  it('crosses the year boundary', () => {
    expect(spendingByMonth([order('PAID', '2025-12-01T00:00:00Z', '1.00'), order('PAID', '2026-01-01T00:00:00Z', '2.00')]).map((m) => m.month)).toEqual([
      '2025-12',
      '2026-01',
    ]);
  });
});
