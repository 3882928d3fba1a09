// Placeholder values that people type into required fields. They must never match two people
// together, so they are dropped before matching (and reported as issues on the record).
// Found in real exports and in the identity dataset by counting the most frequent values.

export interface BlockList {
  /** Whole normalized e-mail addresses. */
  emails: readonly string[];
  /** Domains whose every address is a placeholder (example.com is reserved by RFC 2606). */
  emailDomains: readonly string[];
  /** Local parts that mark a placeholder whatever the domain (`noemail@shop.com`). */
  emailLocalParts: readonly string[];
  /** E.164 phone numbers. */
  phones: readonly string[];
  /** Lower-case values that are not names (`n/a`, `unknown`). */
  names: readonly string[];
}

export const DEFAULT_BLOCK_LIST: BlockList = {
  emails: [
    'test@test.com',
    'no@email.com',
    'none@none.com',
    'na@na.com',
    'customer@store.com',
    'email@email.com',
    'a@a.com',
    'abc@abc.com',
    'asdf@asdf.com',
    'null@null.com',
    'x@x.com',
    'xxx@xxx.com',
    'user@domain.com',
  ],
  emailDomains: [
    'example.com',
    'example.org',
    'example.net',
    'test.com',
    'none.com',
    'na.com',
    'noemail.com',
    'nomail.com',
    'email.invalid',
    'mailinator.com',
  ],
  emailLocalParts: [
    'noemail',
    'no-email',
    'no_email',
    'nomail',
    'none',
    'no',
    'na',
    'n/a',
    'null',
    'nil',
    'test',
    'testing',
    'unknown',
    'noreply',
    'no-reply',
    'donotreply',
    'do-not-reply',
    'nobody',
    'anonymous',
    'customer',
    'guest',
    'asdf',
    'xxx',
    'fake',
  ],
  phones: ['+11234567890', '+10000000000', '+15555555555', '+15555551234', '+12345678900', '+19876543210'],
  names: [
    'null',
    'nil',
    'none',
    'n/a',
    'na',
    'n.a.',
    'unknown',
    'anonymous',
    'anon',
    'test',
    'testing',
    'customer',
    'guest',
    'user',
    'asdf',
    'xxx',
    'x',
    '-',
    '--',
    '?',
    'no name',
    'noname',
    'first name',
    'last name',
    'firstname',
    'lastname',
    'undefined',
  ],
};

/** A block list merged into lookup sets once, since it is consulted for every record. */
export interface CompiledBlockList {
  emails: ReadonlySet<string>;
  emailDomains: ReadonlySet<string>;
  emailLocalParts: ReadonlySet<string>;
  phones: ReadonlySet<string>;
  names: ReadonlySet<string>;
}

const compiledCache = new WeakMap<BlockList, CompiledBlockList>();

export function compileBlockList(list: BlockList): CompiledBlockList {
  const cached = compiledCache.get(list);
  if (cached) return cached;
  const lower = (values: readonly string[]) => new Set(values.map((value) => value.trim().toLowerCase()));
  const compiled: CompiledBlockList = {
    emails: lower(list.emails),
    emailDomains: lower(list.emailDomains),
    emailLocalParts: lower(list.emailLocalParts),
    phones: new Set(list.phones.map((value) => value.trim())),
    names: lower(list.names),
  };
  compiledCache.set(list, compiled);
  return compiled;
}

/** Adds values to the default list (or to `base`), for options that extend rather than replace. */
export function extendBlockList(extra: Partial<BlockList>, base: BlockList = DEFAULT_BLOCK_LIST): BlockList {
  return {
    emails: [...base.emails, ...(extra.emails ?? [])],
    emailDomains: [...base.emailDomains, ...(extra.emailDomains ?? [])],
    emailLocalParts: [...base.emailLocalParts, ...(extra.emailLocalParts ?? [])],
    phones: [...base.phones, ...(extra.phones ?? [])],
    names: [...base.names, ...(extra.names ?? [])],
  };
}

/** Whether a normalized e-mail address is a placeholder. */
export function isBlockedEmail(normalizedEmail: string, list: BlockList = DEFAULT_BLOCK_LIST): boolean {
  const compiled = compileBlockList(list);
  if (compiled.emails.has(normalizedEmail)) return true;
  const at = normalizedEmail.lastIndexOf('@');
  const local = normalizedEmail.slice(0, at);
  const domain = normalizedEmail.slice(at + 1);
  return compiled.emailDomains.has(domain) || compiled.emailLocalParts.has(local);
}

/** Whether an E.164 phone number is a placeholder. */
export function isBlockedPhone(e164: string, list: BlockList = DEFAULT_BLOCK_LIST): boolean {
  return compileBlockList(list).phones.has(e164);
}

/** Whether a name field holds a placeholder instead of a name. */
export function isPlaceholderName(name: string, list: BlockList = DEFAULT_BLOCK_LIST): boolean {
  return compileBlockList(list).names.has(name.trim().toLowerCase());
}
