// Identifiers of erased persons are remembered only as keyed hashes (HMAC-SHA256 with a secret of
// this installation), so that re-ingesting them can be refused without keeping them.
import { identifierKey, type IdentifierKey, type IdentityKind } from '@spine/identity-core';
import { rows, type Db } from '../../database/sql.js';
import { InstanceSecret } from '../../database/instance-secret.js';

const SECRET_NAME = 'suppression-hmac-key';

export class SuppressionService {
  private readonly key = new InstanceSecret(SECRET_NAME);

  async suppress(db: Db, identifiers: { kind: IdentityKind; scope: string; value: string }[]): Promise<number> {
    if (identifiers.length === 0) return 0;
    const hash = await this.key.hasher(db);
    const kinds = identifiers.map((identifier) => identifier.kind);
    const hashes = identifiers.map((identifier) => hash(identifierKey(identifier)));
    await db.query('INSERT INTO erasure_suppression (kind, hash) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING', [kinds, hashes]);
    return identifiers.length;
  }

  /**
   * The keys among these that belong to an erased person. `given` may be a function giving them,
   * called only when some identifier is suppressed at all (an import's batch has ~100,000).
   */
  async suppressed(db: Db, given: { kind: IdentityKind; key: IdentifierKey }[] | (() => { kind: IdentityKind; key: IdentifierKey }[])): Promise<Set<IdentifierKey>> {
    if (Array.isArray(given) && given.length === 0) return new Set();
    const [{ any }] = await rows<{ any: boolean }>(db, 'SELECT EXISTS (SELECT 1 FROM erasure_suppression) AS any');
    if (!any) return new Set();
    const keys = Array.isArray(given) ? given : given();
    if (keys.length === 0) return new Set();
    const hash = await this.key.hasher(db);
    const byHash = new Map(keys.map((entry) => [hash(entry.key), entry.key]));
    const found = await rows<{ hash: string }>(db, 'SELECT hash FROM erasure_suppression WHERE hash = ANY($1::text[])', [[...byHash.keys()]]);
    return new Set(found.map((row) => byHash.get(row.hash)!));
  }
}
