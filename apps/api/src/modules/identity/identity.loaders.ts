import DataLoader from 'dataloader';
import { groupInKeyOrder, rows, type Db } from '../../database/sql.js';
import type { IdentityKind } from './identity-kind.enum.js';
import type { Identity, IdentityLink } from './identity.type.js';

interface IdentityRow {
  id: string;
  person_id: string;
  kind: IdentityKind;
  provider: string;
  value: string;
  raw_value: string | null;
  is_primary: boolean;
  verified_at: Date | null;
  first_seen_at: Date;
  last_seen_at: Date;
  metadata: unknown;
}

export function toIdentity(row: IdentityRow): Identity {
  return {
    id: row.id,
    personId: row.person_id,
    kind: row.kind,
    provider: row.provider,
    value: row.value,
    rawValue: row.raw_value,
    isPrimary: row.is_primary,
    verifiedAt: row.verified_at,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    metadata: row.metadata,
  };
}

export const IDENTITY_COLUMNS = 'i.id, i.person_id, i.kind, i.provider, i.value, i.raw_value, i.is_primary, i.verified_at, i.first_seen_at, i.last_seen_at, i.metadata';

/** All identities of each person, primary first, then by kind and first seen. */
export function createIdentitiesByPersonLoader(db: Db) {
  return new DataLoader<string, Identity[]>(async (personIds) => {
    const found = await rows<IdentityRow>(
      db,
      `SELECT ${IDENTITY_COLUMNS} FROM identity i WHERE i.person_id = ANY($1::uuid[])
       ORDER BY i.person_id, i.is_primary DESC, i.kind, i.first_seen_at, i.id`,
      [personIds],
    );
    return groupInKeyOrder(personIds, found.map(toIdentity), (identity) => identity.personId);
  });
}

export function createLinksByIdentityLoader(db: Db) {
  return new DataLoader<string, IdentityLink[]>(async (identityIds) => {
    const found = await rows<{ identity_id: string; record_provider: string; record_external_id: string; rule: string; linked_at: Date }>(
      db,
      // The origin link lives on the identity row (see migration IdentityOrigin1763820000000); it
      // stands while its record does (a record first seen after the link is a re-created one).
      `SELECT identity_id, record_provider, record_external_id, rule, linked_at FROM identity_link
       WHERE identity_id = ANY($1::uuid[])
       UNION ALL
       SELECT i.id, i.origin_record_provider, i.origin_record_external_id, i.origin_rule, i.origin_linked_at FROM identity i
       JOIN source_record r ON r.provider = i.origin_record_provider AND r.external_id = i.origin_record_external_id AND r.first_seen_at <= i.origin_linked_at
       WHERE i.id = ANY($1::uuid[])
       ORDER BY linked_at, record_provider, record_external_id`,
      [identityIds],
    );
    const grouped = groupInKeyOrder(identityIds, found, (row) => row.identity_id);
    return grouped.map((links) =>
      links.map((row) => ({ provider: row.record_provider, externalId: row.record_external_id, rule: row.rule, linkedAt: row.linked_at })),
    );
  });
}
