/** Every normalizer answers with a value or a reason the input is not usable. */
export type NormalizeResult<T = string> = { ok: true; value: T } | { ok: false; reason: string };

export function accepted<T>(value: T): NormalizeResult<T> {
  return { ok: true, value };
}

export function rejected<T = string>(reason: string): NormalizeResult<T> {
  return { ok: false, reason };
}

/** Quotes a raw value for a human-readable reason, shortened so that huge inputs stay readable. */
export function quote(raw: string): string {
  const shown = raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
  return `'${shown}'`;
}

/** Lower-cases ASCII letters only: String#toLowerCase would fold the Kelvin sign (U+212A) into 'k'. */
export function asciiLowerCase(value: string): string {
  return value.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** Upper-cases ASCII letters only (see asciiLowerCase; 'ſ'.toUpperCase() is 'S'). */
export function asciiUpperCase(value: string): string {
  return value.replace(/[a-z]+/g, (letters) => letters.toUpperCase());
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTERS.test(value);
}
