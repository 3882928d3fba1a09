import * as crypto from 'node:crypto';

// crypto.hash (Node >= 20.12) is a one-shot digest, several times cheaper than createHash for short input.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** SHA-256 hex digest of a UTF-8 string. */
export function sha256Hex(text: string): string {
  if (oneShot) return oneShot('sha256', text, 'hex');
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}
