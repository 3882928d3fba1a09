import { PROVIDER_SCOPED_KINDS, normalizeEmail, normalizePhone, type IdentityKind } from '@spine/identity-core';
import { badInput } from '../../graphql/errors.js';
import { one, type Db } from '../../database/sql.js';

export interface IdentifierLookup {
  kind: IdentityKind;
  provider?: string | null;
  value: string;
}

export interface NormalizedLookup {
  kind: IdentityKind;
  scope: string;
  provider: string;
  value: string;
}

/** Turns a lookup (raw or normalized) into the key it is stored under, as ingest does. */
export class IdentityLookupService {
  constructor(private readonly options: { defaultPhoneRegion: string }) {}

  normalize(lookup: IdentifierLookup): NormalizedLookup {
    const provider = lookup.provider?.trim().toLowerCase() ?? '';
    const raw = lookup.value.trim();
    if (!raw) throw badInput('An identifier value is required');
    if (PROVIDER_SCOPED_KINDS.has(lookup.kind)) {
      if (!provider) throw badInput(`A provider is required to look up ${lookup.kind} identifiers`);
      return { kind: lookup.kind, scope: provider, provider, value: raw };
    }
    if (lookup.kind === 'EMAIL') {
      const email = normalizeEmail(raw);
      if (!email.ok) throw badInput(`Not a valid email: ${email.reason}`);
      return { kind: 'EMAIL', scope: '', provider: provider || 'manual', value: email.value };
    }
    if (lookup.kind === 'PHONE') {
      const phone = normalizePhone(raw, { defaultRegion: this.options.defaultPhoneRegion });
      if (!phone.ok) throw badInput(`Not a valid phone number: ${phone.reason}`);
      return { kind: 'PHONE', scope: '', provider: provider || 'manual', value: phone.value };
    }
    return { kind: lookup.kind, scope: '', provider: provider || 'manual', value: raw.toLowerCase() };
  }

  async personIdFor(db: Db, lookup: IdentifierLookup): Promise<string | null> {
    const key = this.normalize(lookup);
    const found = await one<{ person_id: string }>(db, 'SELECT person_id FROM identity WHERE kind = $1 AND scope = $2 AND value = $3', [key.kind, key.scope, key.value]);
    return found?.person_id ?? null;
  }
}
