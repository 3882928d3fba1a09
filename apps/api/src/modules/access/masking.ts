// Masks for personal data, applied to PII fields for credentials without `pii:read` (MARKETER,
// VIEWER, API keys without that scope). A masked value keeps enough shape to be recognisable in a
// list ("j***@g***.com", "+*********67") and nothing that identifies the person.
import { EMAIL_IN_TEXT, PHONE_IN_TEXT } from '@spine/segment-rules';

// The same patterns make string segment conditions skip such values (@spine/segment-rules), so a
// count cannot read back what is masked here.
const EMAIL_PATTERN = new RegExp(EMAIL_IN_TEXT, 'gu');
const PHONE_PATTERN = new RegExp(PHONE_IN_TEXT, 'gu');
const SENSITIVE_KEY = /(e-?mail|phone|mobile|^tel$|telephone|^ip$|ip_?address|address|line1|line2|street|postal|zip)/iu;

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return maskText(email);
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${[...local][0]}***@${[...host][0] ?? ''}***${tld}`;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/gu, '');
  if (digits.length < 4) return '***';
  return `${phone.trim().startsWith('+') ? '+' : ''}${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}

/** Free text: every e-mail address and phone-like number in it is masked. */
export function maskText(text: string): string {
  return text.replace(EMAIL_PATTERN, (match) => maskEmail(match)).replace(PHONE_PATTERN, (match) => maskPhone(match));
}

/** JSON (properties, context, traits, raw records): values under personal keys are masked whole, other strings as free text. */
export function maskJson(value: unknown, key?: string): unknown {
  if (typeof value === 'string') return key && SENSITIVE_KEY.test(key) ? maskSensitiveString(value) : maskText(value);
  if (typeof value === 'number' && key && SENSITIVE_KEY.test(key)) return '***';
  if (Array.isArray(value)) return value.map((item) => maskJson(item, key));
  if (value && typeof value === 'object') {
    const masked: Record<string, unknown> = {};
    for (const [childKey, child] of Object.entries(value)) masked[childKey] = maskJson(child, childKey);
    return masked;
  }
  return value;
}

/** Whether a segment rule's field names personal data: email, phone, or a trait whose key does. */
export function isPersonalRuleField(field: string): boolean {
  if (field === 'email' || field === 'phone') return true;
  return field.startsWith('trait.') && isPersonalKey(field.slice('trait.'.length));
}

/** Whether a key (a trait's, an event property's) names personal data. */
export function isPersonalKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

/**
 * Segment rules: only the values that conditions on personal fields (or personal event properties)
 * compare with are masked. Everything else stays as it is, so that someone without pii:read who
 * edits and saves a segment writes back the rules they were shown, not masked copies of them.
 */
export function maskRuleValues(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(maskRuleValues);
  if (!node || typeof node !== 'object') return node;
  const masked: Record<string, unknown> = {};
  const record = node as Record<string, unknown>;
  const personal =
    (typeof record.field === 'string' && isPersonalRuleField(record.field)) || (typeof record.property === 'string' && isPersonalKey(record.property));
  for (const [key, child] of Object.entries(record)) masked[key] = key === 'value' && personal ? maskJson(child, 'email') : maskRuleValues(child);
  return masked;
}

function maskSensitiveString(value: string): string {
  if (value.includes('@')) return maskEmail(value);
  if (/\d{4,}/u.test(value.replace(/\D/gu, ''))) return maskPhone(value);
  return '***';
}

export type MaskKind = 'email' | 'phone' | 'ip' | 'text' | 'json' | 'ruleValues' | 'texts' | 'identityValue' | 'identityRawValue' | 'traitValue';

const masks: Record<MaskKind, (value: unknown, source: any) => unknown> = {
  email: (value) => (typeof value === 'string' ? maskEmail(value) : value),
  phone: (value) => (typeof value === 'string' ? maskPhone(value) : value),
  ip: (value) => (typeof value === 'string' ? '***' : value),
  text: (value) => (typeof value === 'string' ? maskText(value) : value),
  texts: (value) => (Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? maskText(item) : item)) : value),
  json: (value) => maskJson(value),
  ruleValues: (value) => maskRuleValues(value),
  // An identity's value by its kind: an address hash is already a keyed digest and stays.
  identityValue: (value, identity: { kind?: string }) => {
    if (typeof value !== 'string') return value;
    if (identity?.kind === 'EMAIL') return maskEmail(value);
    if (identity?.kind === 'PHONE') return maskPhone(value);
    if (identity?.kind === 'ADDRESS_HASH') return value;
    return maskText(value);
  },
  // The value as it arrived: for an address, the address itself.
  identityRawValue: (value, identity: { kind?: string }) => {
    if (typeof value !== 'string') return value;
    if (identity?.kind === 'EMAIL') return maskEmail(value);
    if (identity?.kind === 'PHONE') return maskPhone(value);
    if (identity?.kind === 'ADDRESS_HASH') return '***';
    return maskText(value);
  },
  traitValue: (value, trait: { key?: string }) => maskJson(value, trait?.key),
};

export function applyMask(kind: MaskKind, value: unknown, source: unknown): unknown {
  if (value === null || value === undefined) return value;
  return masks[kind](value, source);
}
