import { describe, expect, it } from 'vitest';
import { fillDays, lastDays, rangeVariables } from './range';

describe('the dashboard range', () => {
  it('covers the last N whole UTC days, today included', () => {
    expect(lastDays(30, new Date('2026-03-01T08:00:00Z'))).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });

  it('asks the API for the half-open interval up to the start of the day after the last', () => {
    expect(rangeVariables({ from: '2026-02-27', to: '2026-02-28' })).toEqual({ from: '2026-02-27T00:00:00Z', to: '2026-03-01T00:00:00Z' });
  });

  it('shows days without revenue as zero', () => {
    const days = fillDays({ from: '2026-02-27', to: '2026-03-02' }, [{ day: '2026-03-01', revenue: 5 }], (day) => ({ day, revenue: 0 }));
    expect(days).toEqual([
      { day: '2026-02-27', revenue: 0 },
      { day: '2026-02-28', revenue: 0 },
      { day: '2026-03-01', revenue: 5 },
      { day: '2026-03-02', revenue: 0 },
    ]);
  });
});
