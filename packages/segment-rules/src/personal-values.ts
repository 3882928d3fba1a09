// What counts as an e-mail address or a phone number inside a text. The API masks such values for
// readers without pii:read wherever they appear (a trait, an event property), and their value
// conditions on free-form traits and properties never match a text value that holds one: otherwise a
// segment's count would read back, one character at a time, what the display masks.

/** An e-mail address anywhere in a text (JavaScript source, for `new RegExp(…, 'u')`). */
export const EMAIL_IN_TEXT = String.raw`[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[^\s@<>"'(),;:]+`;
/**
 * Seven or more digits, optionally with a leading + and the usual separators; not starting inside
 * a longer number, and not an ISO date (2025-06-01 is not a phone number).
 */
export const PHONE_IN_TEXT = String.raw`(?<![\d+])(?!\d{4}-\d{2}-\d{2})\+?\d[\d\s().-]{5,}\d`;

/** The same two patterns for PostgreSQL's regular expressions (`~`). */
export const PERSONAL_VALUE_SQL_PATTERNS = {
  email: String.raw`[^[:space:]@<>"'(),;:]+@[^[:space:]@<>"'(),;:]+\.[^[:space:]@<>"'(),;:]+`,
  phone: String.raw`(?<![0-9+])(?![0-9]{4}-[0-9]{2}-[0-9]{2})\+?[0-9][0-9[:space:]().-]{5,}[0-9]`,
} as const;

const EMAIL = new RegExp(EMAIL_IN_TEXT, 'u');
const PHONE = new RegExp(PHONE_IN_TEXT, 'u');

/** Whether a text holds an e-mail address or a phone number. */
export function holdsPersonalValue(text: string): boolean {
  return EMAIL.test(text) || PHONE.test(text);
}
