export interface UserErrorValue {
  code: string;
  field?: readonly string[] | null;
  message: string;
}

/**
 * Groups a payload's userErrors by the input field they name, for display next to that field. The API names fields
 * by path from the argument ("input", "promoCode"); the form names them by the last segment(s) after "input".
 * Errors naming no field (or a field the form does not show) go under "" and are shown at the top of the form.
 */
export function groupUserErrors(errors: readonly UserErrorValue[] | null | undefined, formFields: readonly string[]) {
  const byField = new Map<string, string[]>();
  for (const e of errors ?? []) {
    const path = (e.field ?? []).filter((segment) => segment !== 'input');
    let key = '';
    for (let i = 0; i < path.length && !key; i++) {
      const candidate = path.slice(i).join('.');
      if (formFields.includes(candidate)) key = candidate;
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
