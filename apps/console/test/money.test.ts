import { describe, expect, it } from 'vitest';
import { formatCompactMoney, formatMoney, normalizeCurrency } from '../src/components/money';

// Intl separates some symbols with a no-break space; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('writes the currency the data names, in the reader’s locale', () => {
    expect(formatMoney(1234.5, 'EUR', 'en-US')).toBe('€1,234.50');
    expect(plain(formatMoney(1234.5, 'EUR', 'de-DE'))).toBe('1.234,50 €');
    expect(formatMoney(1234.5, 'GBP', 'en-GB')).toBe('£1,234.50');
    expect(formatMoney(-18, 'USD', 'en-US')).toBe('-$18.00');
    // The currency's own minor units: yen have none.
    expect(formatMoney(1234.5, 'JPY', 'en-US')).toBe('¥1,235');
  });

  it('reads codes in any case and with stray spaces', () => {
    expect(formatMoney(10, ' eur ', 'en-US')).toBe('€10.00');
  });

  it('shows the number and the code for a code without a symbol, and for labels Intl cannot use', () => {
    expect(plain(formatMoney(12.5, 'CHF', 'en-US'))).toBe('CHF 12.50');
    expect(plain(formatMoney(12.5, 'XYZ', 'en-US'))).toBe('XYZ 12.50');
    expect(formatMoney(12.5, 'USDC', 'en-US')).toBe('12.50 USDC');
    expect(formatMoney(12.5, '€', 'en-US')).toBe('12.50 €');
  });

  it('never invents a currency: without one the number stands alone', () => {
    for (const unknown of [null, undefined, '', '   ']) {
      expect(formatMoney(1234.5, unknown, 'en-US')).toBe('1,234.50');
    }
    expect(formatMoney(0, null, 'en-US')).toBe('0.00');
  });
});

describe('formatCompactMoney', () => {
  it('keeps axis labels short, with the symbol when there is one', () => {
    expect(formatCompactMoney(12_345, 'EUR', 'en-US')).toBe('€12.3K');
    expect(formatCompactMoney(50, 'EUR', 'en-US')).toBe('€50');
    expect(formatCompactMoney(12_345, null, 'en-US')).toBe('12.3K');
    expect(formatCompactMoney(12_345, '€', 'en-US')).toBe('12.3K');
  });
});

describe('normalizeCurrency', () => {
  it('ignores blank and overlong values', () => {
    expect(normalizeCurrency('')).toBeNull();
    expect(normalizeCurrency('a currency label far too long to be one')).toBeNull();
    expect(normalizeCurrency(978)).toBeNull();
    expect(normalizeCurrency(' eur ')).toBe('EUR');
  });
});
