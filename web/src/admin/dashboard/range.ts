/** The dashboard's date range: whole days in UTC, `to` inclusive, as the API's from/to instants. */
export interface DayRange {
  from: string; // YYYY-MM-DD
  to: string; // YYYY-MM-DD
}

export function lastDays(days: number, today: Date = new Date()): DayRange {
  const to = today.toISOString().slice(0, 10);
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (days - 1)))
    .toISOString()
    .slice(0, 10);
  return { from, to };
}

/** The API's half-open interval: from the start of the first day to the start of the day after the last. */
export function rangeVariables(range: DayRange): { from: string; to: string } {
  const [y, m, d] = range.to.split('-').map(Number);
  return { from: `${range.from}T00:00:00Z`, to: new Date(Date.UTC(y, m - 1, d + 1)).toISOString().replace('.000Z', 'Z') };
}

/** Every day of the range, so that days without revenue show as zero instead of being skipped by the line. */
export function fillDays<T extends { day: string }>(range: DayRange, rows: readonly T[], empty: (day: string) => T): T[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const out: T[] = [];
  const [y, m, d] = range.from.split('-').map(Number);
  for (let t = Date.UTC(y, m - 1, d); ; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day > range.to) break;
    out.push(byDay.get(day) ?? empty(day));
    if (out.length > 400) break;
  }
  return out;
}
