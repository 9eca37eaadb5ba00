import { describe, expect, it } from 'vitest';
import { deliveryInput, type DeliveryForm } from './delivery';

const empty: DeliveryForm = { method: 'new', addressId: '', pickupPointId: '', line1: '', line2: '', city: '', postalCode: '', country: '' };

describe('deliveryInput', () => {
  it('prices a new address only once it has its lines and a two-letter country', () => {
    expect(deliveryInput({ ...empty, line1: '1 Main St', city: 'Lyon', postalCode: '69001', country: 'f' })).toBeNull();
    expect(deliveryInput({ ...empty, line1: ' 1 Main St ', city: 'Lyon', postalCode: '69001', country: 'fr' })).toEqual({
      address: { line1: '1 Main St', line2: null, city: 'Lyon', postalCode: '69001', country: 'FR' },
    });
  });

  it('sends exactly one of address, addressId or pickupPointId', () => {
    expect(deliveryInput({ ...empty, method: 'pickup', pickupPointId: 'w1', addressId: 'a1' })).toEqual({ pickupPointId: 'w1' });
    expect(deliveryInput({ ...empty, method: 'saved', addressId: 'a1', pickupPointId: 'w1' })).toEqual({ addressId: 'a1' });
    expect(deliveryInput({ ...empty, method: 'saved' })).toBeNull();
  });
});
