/**
 * Case mappings that never turn one letter into a different-looking one: a character changes case
 * only when the mapping is one character and maps back (so `ſ` stays `ſ` and the Kelvin sign stays
 * the Kelvin sign, while `É` becomes `é`).
 */
export function safeLowerCase(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    out += lower.length === ch.length && lower.toUpperCase() === ch ? lower : ch;
  }
  return out;
}

export function safeUpperCase(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text.toUpperCase();
  let out = '';
  for (const ch of text) {
    const upper = ch.toUpperCase();
    out += upper.length === ch.length && upper.toLowerCase() === ch ? upper : ch;
  }
  return out;
}
