import { isPlaceholderName, type BlockList, DEFAULT_BLOCK_LIST } from './block-list.js';
import { areNicknames, nameVariants } from './nicknames.js';
import { memoize } from './memo.js';
import { accepted, type NormalizeResult, quote, rejected } from './normalize-result.js';
import { safeLowerCase, safeUpperCase } from './text-case.js';

/**
 * Display form of a person's name: white space collapsed; a name written all in capitals or all in
 * small letters gets its words capitalised (`PATRICIA` -> `Patricia`, `mary-jane o'neil` ->
 * `Mary-Jane O'Neil`), while one that mixes cases is kept as written (`DeShawn McDonald`, `van der
 * Berg`: nobody can guess those rules); a lone letter becomes an initial (`J.`). Placeholders
 * (`n/a`, `unknown`) are rejected. Matching compares names case-insensitively either way.
 */
export function normalizeName(raw: string, blockList: BlockList = DEFAULT_BLOCK_LIST): NormalizeResult {
  if (typeof raw !== 'string') return rejected('is not a string');
  let memo = memos.get(blockList);
  if (!memo) memos.set(blockList, (memo = memoize((text) => computeName(text, blockList), 20_000)));
  return memo(raw);
}

const memos = new WeakMap<BlockList, (raw: string) => NormalizeResult>();

function computeName(raw: string, blockList: BlockList): NormalizeResult {
  const collapsed = raw.replace(/\s+/g, ' ').trim();
  if (collapsed === '') return rejected('is empty');
  if (collapsed.length > 100) return rejected(`${quote(collapsed)} is longer than 100 characters`);
  if (isPlaceholderName(collapsed, blockList)) return rejected(`${quote(collapsed)} is a placeholder, not a name`);
  if (!/\p{L}/u.test(collapsed)) return rejected(`${quote(collapsed)} is not a name`);
  const mixedCase = /\p{Lu}/u.test(collapsed) && /\p{Ll}/u.test(collapsed);
  const cased = mixedCase
    ? collapsed
    : collapsed
        .split(' ')
        .map((word) => safeLowerCase(word).replace(/(^|[-'’])(\p{L})/gu, (_match, separator: string, letter: string) => separator + safeUpperCase(letter)))
        .join(' ');
  // A single letter, with or without a dot, is an initial.
  if (/^\p{L}\.?$/u.test(cased)) return accepted(`${[...cased][0]}.`);
  return accepted(cased);
}

export type NameComparison = 'compatible' | 'conflict' | 'unknown';
export type NameMatchStrength = 'exact' | 'nickname' | 'initial' | 'none' | 'unknown';

/** Lower-case comparison key of a (normalized) name: letters only, initials reduced to one letter. */
export function nameKey(name: string | null | undefined): string | null {
  if (!name) return null;
  return memoizedNameKey(name);
}

const memoizedNameKey = memoize((name: string): string | null => {
  const key = safeLowerCase(name).replace(/[^\p{L}\s]/gu, '').replace(/\s+/g, ' ').trim();
  return key === '' ? null : key;
}, 20_000);

export function isInitial(name: string): boolean {
  return /^\p{L}\.?$/u.test(name.trim());
}

/** How strongly two first names agree: same name, nicknames of one name, an initial of the other, or not. */
export function firstNameMatch(a: string | null | undefined, b: string | null | undefined): NameMatchStrength {
  const keyA = nameKey(a);
  const keyB = nameKey(b);
  if (keyA === null || keyB === null) return 'unknown';
  if (keyA === keyB) return keyA.length === 1 ? 'initial' : 'exact';
  // Compound first names ("Mary Ann"): compare the first word.
  const firstA = keyA.split(' ')[0];
  const firstB = keyB.split(' ')[0];
  if (firstA === firstB) return 'exact';
  if (firstA.length === 1 || firstB.length === 1) {
    const [initial, full] = firstA.length === 1 ? [firstA, firstB] : [firstB, firstA];
    if (full.length === 1) return 'none';
    return variantInitials(full).includes(initial) ? 'initial' : 'none';
  }
  return areNicknames(firstA, firstB) ? 'nickname' : 'none';
}

/** First letters of a name and of its nicknames (`bill` -> b, w), remembered. */
const variantInitials = memoize((name: string) => [...new Set(nameVariants(name).map((variant) => variant[0]))].join(''), 20_000);

/**
 * Whether two first names may belong to one person: `Bob`/`Robert` and `J.`/`James` are
 * compatible, `Mary`/`Susan` conflict, and a missing name is unknown.
 */
export function namesCompatible(a: string | null | undefined, b: string | null | undefined): NameComparison {
  const strength = firstNameMatch(a, b);
  if (strength === 'unknown') return 'unknown';
  return strength === 'none' ? 'conflict' : 'compatible';
}

/** Whether two last names are the same (case, accents of spacing and punctuation aside). */
export function lastNamesCompatible(a: string | null | undefined, b: string | null | undefined): NameComparison {
  const keyA = nameKey(a);
  const keyB = nameKey(b);
  if (keyA === null || keyB === null) return 'unknown';
  if (keyA === keyB) return 'compatible';
  return keyA.replace(/ /g, '') === keyB.replace(/ /g, '') ? 'compatible' : 'conflict';
}
