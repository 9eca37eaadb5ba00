export interface MoneyValue {
  amount: string;
  currency: string;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** "12.50" USD -> "$12.50" in the browser's locale; the amount stays the server's decimal string (no float maths). */
export function formatMoney(money: MoneyValue | null | undefined): string {
  if (!money) return '—';
  let format = moneyFormats.get(money.currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, { style: 'currency', currency: money.currency });
    } catch {
      return `${money.amount} ${money.currency}`;
    }
    moneyFormats.set(money.currency, format);
  }
  // Intl accepts decimal strings exactly (no binary rounding) in current browsers.
  return format.format(money.amount as unknown as number);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString();
}

/** ORDER_STATUS -> "Order status". */
export function humanize(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
