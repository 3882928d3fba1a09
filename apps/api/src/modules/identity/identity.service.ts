// Manual identity operations for support staff: link an identifier, mark one verified, choose the primary one.
import type { DataSource } from 'typeorm';
import { conflict, notFound } from '../../graphql/errors.js';
import { one } from '../../database/sql.js';
import { withTransaction } from '../../database/transaction.js';
import type { IdentifierLookup, IdentityLookupService } from './identity-lookup.service.js';
import { IDENTITY_COLUMNS, toIdentity } from './identity.loaders.js';
import type { Identity } from './identity.type.js';

export class IdentityService {
  constructor(private readonly lookup: IdentityLookupService) {}

  async link(db: DataSource, personId: string, identifier: IdentifierLookup, actor: string): Promise<Identity> {
    const key = this.lookup.normalize(identifier);
    return withTransaction(db, async (tx) => {
      const person = await one<{ id: string; merged_into_id: string | null }>(tx, 'SELECT id, merged_into_id FROM person WHERE id = $1 FOR UPDATE', [personId]);
      if (!person) throw notFound(`No person with id ${personId}`);
      if (person.merged_into_id) throw conflict(`Person ${personId} was merged into ${person.merged_into_id}; link to that person instead`);
      const flagged = await one<{ status: string }>(tx, `SELECT status FROM identifier_flag WHERE kind = $1 AND scope = $2 AND value = $3 AND status <> 'RELEASED'`, [key.kind, key.scope, key.value]);
      if (flagged) throw conflict(`This ${key.kind} value is ${flagged.status.toLowerCase()} and cannot be linked to a person`);
      const existing = await one<Parameters<typeof toIdentity>[0]>(tx, `SELECT ${IDENTITY_COLUMNS} FROM identity i WHERE kind = $1 AND scope = $2 AND value = $3`, [key.kind, key.scope, key.value]);
      if (existing) {
        if (existing.person_id === personId) return toIdentity(existing);
        throw conflict(`This ${key.kind} already belongs to person ${existing.person_id}; merge the two persons instead`);
      }
      const inserted = (await one<Parameters<typeof toIdentity>[0]>(
        tx,
        `INSERT INTO identity AS i (person_id, kind, provider, scope, value, raw_value, is_primary, metadata)
         VALUES ($1, $2, $3, $4, $5, $6,
                 $2 IN ('EMAIL', 'PHONE') AND NOT EXISTS (SELECT 1 FROM identity p WHERE p.person_id = $1 AND p.kind = $2 AND p.is_primary),
                 jsonb_build_object('linkedBy', $7::text, 'rule', 'MANUAL'))
         RETURNING ${IDENTITY_COLUMNS}`,
        [personId, key.kind, key.provider, key.scope, key.value, identifier.value, actor],
      ))!;
      if (inserted.is_primary) await this.syncPersonContact(tx, personId);
      await tx.query('UPDATE person SET last_seen_at = greatest(last_seen_at, now()), updated_at = now() WHERE id = $1', [personId]);
      return toIdentity(inserted);
    });
  }

  async verify(db: DataSource, identityId: string): Promise<Identity> {
    const row = await one<Parameters<typeof toIdentity>[0]>(db, `UPDATE identity i SET verified_at = coalesce(verified_at, now()) WHERE id = $1 RETURNING ${IDENTITY_COLUMNS}`, [identityId]);
    if (!row) throw notFound(`No identity with id ${identityId}`);
    return toIdentity(row);
  }

  async setPrimary(db: DataSource, identityId: string): Promise<Identity> {
    return withTransaction(db, async (tx) => {
      const identity = await one<{ person_id: string; kind: string }>(tx, 'SELECT person_id, kind FROM identity WHERE id = $1', [identityId]);
      if (!identity) throw notFound(`No identity with id ${identityId}`);
      await tx.query('SELECT id FROM person WHERE id = $1 FOR UPDATE', [identity.person_id]);
      await tx.query('UPDATE identity SET is_primary = false WHERE person_id = $1 AND kind = $2 AND is_primary AND id <> $3', [identity.person_id, identity.kind, identityId]);
      const row = (await one<Parameters<typeof toIdentity>[0]>(tx, `UPDATE identity i SET is_primary = true WHERE id = $1 RETURNING ${IDENTITY_COLUMNS}`, [identityId]))!;
      await this.syncPersonContact(tx, identity.person_id);
      return toIdentity(row);
    });
  }

  /** person.email / person.phone mirror the primary identities of those kinds. */
  private async syncPersonContact(tx: Parameters<Parameters<typeof withTransaction>[1]>[0], personId: string): Promise<void> {
    await tx.query(
      `UPDATE person p SET
         email = coalesce((SELECT value FROM identity WHERE person_id = p.id AND kind = 'EMAIL' AND is_primary), p.email),
         phone = coalesce((SELECT value FROM identity WHERE person_id = p.id AND kind = 'PHONE' AND is_primary), p.phone),
         updated_at = now()
       WHERE p.id = $1`,
      [personId],
    );
  }
}
