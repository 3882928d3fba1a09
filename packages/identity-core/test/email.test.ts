import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlockedEmail, normalizeEmail } from '../src/index.js';

const value = (raw: string) => {
  const result = normalizeEmail(raw);
  return result.ok ? result.value : null;
};

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(value('  Mary.Smith@Example.ORG ')).toBe('mary.smith@example.org');
  });

  it('removes dots and +tags for Gmail only, and folds googlemail.com', () => {
    expect(value('Kathleen.Cruz39+news@Gmail.Com')).toBe('kathleencruz39@gmail.com');
    expect(value('kat.hleencruz39@googlemail.com')).toBe('kathleencruz39@gmail.com');
    expect(value('mary.smith+shop@outlook.com')).toBe('mary.smith+shop@outlook.com');
  });

  it('rejects what is not an e-mail address, with a reason', () => {
    for (const raw of ['', '   ', 'mary', 'mary@', '@x.com', 'a@b@c.com', 'mary smith@x.com', 'mary@x', 'a..b@x.com', '.a@x.com', 'a@-x.com', '+news@gmail.com']) {
      const result = normalizeEmail(raw);
      expect(result.ok, raw).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
    }
  });

  it('never folds look-alike Unicode letters into ASCII', () => {
    // Long s (U+017F), Kelvin sign (U+212A), Cyrillic a (U+0430).
    for (const raw of ['ſmith@gmail.com', '\u212Aate@gmail.com', 'm\u0430ry@gmail.com', 'mary@gm\u0430il.com']) {
      const result = normalizeEmail(raw);
      expect(result.ok, raw).toBe(false);
      if (!result.ok) expect(result.reason).toContain('non-ASCII');
    }
    expect(value('KATE@gmail.com')).toBe('kate@gmail.com');
  });

  it('knows the placeholder addresses', () => {
    for (const raw of ['test@test.com', 'no@email.com', 'noemail@example.com', 'none@none.com', 'customer@store.com', 'anything@example.com', 'noemail@shop.com']) {
      expect(isBlockedEmail(value(raw)!), raw).toBe(true);
    }
    expect(isBlockedEmail('mary.smith@outlook.com')).toBe(false);
  });

  it('is idempotent and never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.emailAddress(), fc.string({ unit: 'binary' })), (raw) => {
        const once = normalizeEmail(raw);
        if (once.ok) expect(normalizeEmail(once.value)).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });

  it('ignores case and surrounding white space', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.constantFrom('', ' ', '\t', '  '), (email, pad) => {
        expect(normalizeEmail(`${pad}${email.toUpperCase()}${pad}`)).toEqual(normalizeEmail(email));
      }),
    );
  });

  it('gives one Gmail address whatever dots and +tags it carries', () => {
    const user = fc.stringMatching(/^[a-z0-9]{2,12}$/);
    fc.assert(
      fc.property(user, fc.array(fc.nat(12), { maxLength: 3 }), fc.option(fc.stringMatching(/^[a-z0-9]{1,8}$/)), (name, dots, tag) => {
        let dotted = name;
        for (const position of dots) {
          const at = 1 + (position % (dotted.length - 1 || 1));
          if (dotted[at - 1] !== '.' && dotted[at] !== '.' && at < dotted.length) dotted = `${dotted.slice(0, at)}.${dotted.slice(at)}`;
        }
        const variant = `${dotted}${tag ? `+${tag}` : ''}@gmail.com`;
        expect(value(variant)).toBe(`${name}@gmail.com`);
      }),
    );
  });
});
