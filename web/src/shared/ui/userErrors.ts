export interface UserErrorValue {
  code: string;
  field?: readonly string[] | null;
  message: string;
}

/**
 * Groups a payload's userErrors by the input field they name, for display next to that field. The API names fields
 * by path from the argument ("input", "promoCode"); the form names them by the segments after "input", or by a
 * shorter path: ["input", "images", "2"] goes to "images", ["input", "delivery", "address", "city"] to "city" when the
 * form has no "delivery.address.city".
 * Errors naming no field (or a field the form does not show) go under "" and are shown at the top of the form.
 */
export function groupUserErrors(errors: readonly UserErrorValue[] | null | undefined, formFields: readonly string[]) {
  const byField = new Map<string, string[]>();
  for (const e of errors ?? []) {
    const path = (e.field ?? []).filter((segment) => segment !== 'input');
    let key = '';
    // longest first: the whole path, then without leading segments, then without trailing ones (list indexes, ids)
    const candidates = [...path.map((_, i) => path.slice(i).join('.')), ...path.map((_, i) => path.slice(0, path.length - i).join('.'))];
    for (const candidate of candidates) {
      if (candidate && formFields.includes(candidate)) {
        key = candidate;
        break;
      }
    }
    const list = byField.get(key) ?? [];
    list.push(e.message);
    byField.set(key, list);
  }
  return {
    forField: (field: string): string[] => byField.get(field) ?? [],
    general: (): string[] => byField.get('') ?? [],
    any: byField.size > 0,
  };
}
