import type { DeliveryInput } from '../../gql/graphql';

export type Method = 'saved' | 'new' | 'pickup';

export interface DeliveryForm {
  method: Method;
  addressId: string;
  pickupPointId: string;
  line1: string;
  line2: string;
  city: string;
  postalCode: string;
  country: string;
}

/**
 * The API's DeliveryInput for what the form says, or null while it is not complete enough to be priced (a new
 * address needs at least its required lines and a two-letter country: taxes and the delivery fee depend on it).
 */
export function deliveryInput(form: DeliveryForm): DeliveryInput | null {
  switch (form.method) {
    case 'saved':
      return form.addressId ? { addressId: form.addressId } : null;
    case 'pickup':
      return form.pickupPointId ? { pickupPointId: form.pickupPointId } : null;
    case 'new': {
      const country = form.country.trim().toUpperCase();
      if (!form.line1.trim() || !form.city.trim() || !form.postalCode.trim() || !/^[A-Z]{2}$/.test(country)) return null;
      return {
        address: {
          line1: form.line1.trim(),
          line2: form.line2.trim() || null,
          city: form.city.trim(),
          postalCode: form.postalCode.trim(),
          country,
        },
      };
    }
  }
}
