export interface AddressValue {
  line1: string;
  line2?: string | null;
  city: string;
  postalCode: string;
  country: string;
}

export function formatAddress(a: AddressValue | null | undefined): string {
  if (!a) return '—';
  return [a.line1, a.line2, `${a.postalCode} ${a.city}`, a.country].filter(Boolean).join(', ');
}
