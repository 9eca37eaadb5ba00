import { describe, expect, it } from 'vitest';
import { fromCents, toCents } from './money';

describe('money amounts', () => {
  it('converts decimal strings to cents and back without float errors', () => {
    expect(toCents('0.10') + toCents('0.20')).toBe(30);
    expect(fromCents(toCents('0.10') + toCents('0.20'))).toBe('0.30');
    expect(toCents('12.5')).toBe(1250);
    expect(toCents('-3.05')).toBe(-305);
    expect(fromCents(-305)).toBe('-3.05');
    expect(() => toCents('1.234')).toThrow();
  });
});
