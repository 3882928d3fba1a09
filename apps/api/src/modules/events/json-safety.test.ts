// The fast paths of json-safety against their plain definitions, over arbitrary JSON.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds, serializedSizeBound } from './json-safety.js';

/** The definition: every character looked at, strings skipped escape by escape. */
function depthExceedsByCharacter(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 92) index += 1;
      else if (code === 34) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 123 || code === 91) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === 125 || code === 93) depth -= 1;
  }
  return false;
}

// Strings full of the characters a scanner can trip over: quotes, backslashes, brackets.
const tricky = fc.string({ unit: fc.constantFrom('"', '\\', '[', ']', '{', '}', 'a', 'é', '\u0000', '\ud800', '😀') });
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, tricky, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(tricky, tie('value'), { maxKeys: 4 }),
})).value;

describe('jsonDepthExceeds', () => {
  it('agrees with a character-by-character scan for every limit', () => {
    fc.assert(
      fc.property(json, fc.integer({ min: 0, max: 6 }), (value, limit) => {
        const text = JSON.stringify(value);
        expect(jsonDepthExceeds(text, limit)).toBe(depthExceedsByCharacter(text, limit));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees on text that is not valid JSON', () => {
    fc.assert(
      fc.property(tricky, fc.integer({ min: 0, max: 3 }), (text, limit) => {
        expect(jsonDepthExceeds(text, limit)).toBe(depthExceedsByCharacter(text, limit));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('serializedSizeBound', () => {
  it('is never below the UTF-8 size of JSON.stringify', () => {
    fc.assert(
      fc.property(json, (value) => {
        const parsed: unknown = JSON.parse(JSON.stringify(value));
        expect(serializedSizeBound(parsed, Number.MAX_SAFE_INTEGER)).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(parsed), 'utf8'));
      }),
      { numRuns: 2000 },
    );
  });

  it('holds for the numbers that print longest', () => {
    for (const value of [[-1.2345678901234567e-300], [1e21, -5e-324], [-0.0000012345678901234567], [Number.MIN_VALUE, -Number.MAX_VALUE]]) {
      expect(serializedSizeBound(value, Number.MAX_SAFE_INTEGER)).toBeGreaterThanOrEqual(JSON.stringify(value).length);
    }
  });
});
