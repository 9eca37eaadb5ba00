import { describe, expect, it } from 'vitest';
import { groupUserErrors } from './userErrors';

describe('groupUserErrors', () => {
  it('puts each error beside the field it names, and the rest at the top of the form', () => {
    const errors = groupUserErrors(
      [
        { code: 'PROMO_CODE_INVALID', field: ['input', 'promoCode'], message: 'unknown promo code' },
        { code: 'INVALID_ADDRESS', field: ['input', 'delivery', 'address', 'postalCode'], message: 'postal code required' },
        { code: 'CART_EMPTY', field: ['input'], message: 'the cart is empty' },
        { code: 'X', field: ['input', 'somethingElse'], message: 'other' },
      ],
      ['promoCode', 'delivery.address.postalCode'],
    );
    expect(errors.forField('promoCode')).toEqual(['unknown promo code']);
    expect(errors.forField('delivery.address.postalCode')).toEqual(['postal code required']);
    expect(errors.general()).toEqual(['the cart is empty', 'other']);
  });

  it('puts an error about one item of a list beside the list', () => {
    const errors = groupUserErrors([{ code: 'INVALID_URL', field: ['input', 'images', '1'], message: 'not an http(s) URL' }], ['name', 'images']);
    expect(errors.forField('images')).toEqual(['not an http(s) URL']);
  });

  it('matches a field by the end of its path when the form names it shorter', () => {
    const errors = groupUserErrors([{ code: 'INVALID_EMAIL', field: ['input', 'email'], message: 'bad email' }], ['email']);
    expect(errors.forField('email')).toEqual(['bad email']);
    expect(errors.any).toBe(true);
    expect(groupUserErrors([], ['email']).any).toBe(false);
  });
});
