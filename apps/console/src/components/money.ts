// Money as people read it: with the currency the data names, and never a currency it does not.
// The API's amounts (lifetime value, purchases) come with their ISO 4217 code (`currency`).

const ISO_CODE = /^[A-Za-z]{3}$/;
/** Longer than any currency label worth showing next to a number ("BTC", "USDC", "€"). */
const MAX_LABEL_LENGTH = 12;

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** "eur " → "EUR"; other non-blank labels ("€", "BTC2") as written; null for blank or non-text. */
export function normalizeCurrency(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!text || text.length > MAX_LABEL_LENGTH) return null;
  return ISO_CODE.test(text) ? text.toUpperCase() : text;
}

/**
 * 1234.5 in EUR → "€1,234.50" (in the reader's locale). A code Intl cannot use ("€", "USDC") is
 * written after the number; without a currency the number stands alone, with two decimals.
 */
export function formatMoney(amount: number, currency?: string | null, locale?: string): string {
  const code = normalizeCurrency(currency);
  if (code && ISO_CODE.test(code)) return numberFormat(locale, { style: 'currency', currency: code }).format(amount);
  const plain = numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
  return code ? `${plain} ${code}` : plain;
}

/** "€1.2K": axis labels. Without a currency Intl can use, the compact number alone. */
export function formatCompactMoney(amount: number, currency?: string | null, locale?: string): string {
  const code = normalizeCurrency(currency);
  const options: Intl.NumberFormatOptions = { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 };
  return numberFormat(locale, code && ISO_CODE.test(code) ? { ...options, style: 'currency', currency: code } : options).format(amount);
}
