// Sources and their write keys. A key is shown once, at creation; only its SHA-256 is stored, so a
// leaked database does not leak working keys.
import { createHash, randomBytes } from 'node:crypto';
import { one, rows, type Db } from '../../database/sql.js';
import { SOURCE_COLUMNS, type SourceRow } from './source.row.js';

const KEY_PREFIX = 'spk_';
/** How long an authenticated key is remembered; a revoked key stops working within this time. */
const CACHE_MS = 10_000;
const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,99}$/u;
const PROVIDER_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/;

export class SourceError extends Error {}

export function hashWriteKey(writeKey: string): string {
  return createHash('sha256').update(writeKey, 'utf8').digest('hex');
}

export class SourceService {
  private readonly cache = new Map<string, { source: SourceRow | null; until: number }>();

  /** Creates a source and returns it with its write key (shown only this once). */
  async create(db: Db, input: { name: string; provider: string }): Promise<{ source: SourceRow; writeKey: string }> {
    const name = input.name.trim();
    const provider = input.provider.trim().toLowerCase();
    if (!NAME_PATTERN.test(name)) throw new SourceError(`Source name "${name.slice(0, 100)}" must be 1-100 letters, digits, spaces, dots, dashes or underscores`);
    if (!PROVIDER_PATTERN.test(provider)) throw new SourceError(`Provider "${provider.slice(0, 100)}" must be 1-100 lower-case letters, digits, dots, dashes or underscores (e.g. app, shopify)`);
    const writeKey = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
    const source = await one<SourceRow>(
      db,
      `INSERT INTO source (name, provider, write_key_hash, write_key_prefix) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING ${SOURCE_COLUMNS}`,
      [name, provider, hashWriteKey(writeKey), writeKey.slice(0, KEY_PREFIX.length + 6)],
    );
    if (!source) throw new SourceError(`A source named "${name}" already exists`);
    return { source, writeKey };
  }

  list(db: Db): Promise<SourceRow[]> {
    return rows<SourceRow>(db, `SELECT ${SOURCE_COLUMNS} FROM source ORDER BY lower(name)`);
  }

  async revoke(db: Db, name: string): Promise<SourceRow> {
    const source = await one<SourceRow>(db, `UPDATE source SET revoked_at = coalesce(revoked_at, now()) WHERE lower(name) = lower($1) RETURNING ${SOURCE_COLUMNS}`, [name.trim()]);
    if (!source) throw new SourceError(`No source named "${name}"`);
    this.cache.clear();
    return source;
  }

  findByName(db: Db, name: string): Promise<SourceRow | undefined> {
    return one<SourceRow>(db, `SELECT ${SOURCE_COLUMNS} FROM source WHERE lower(name) = lower($1)`, [name.trim()]);
  }

  /** The live source a write key belongs to, or null. */
  async authenticate(db: Db, writeKey: string): Promise<SourceRow | null> {
    if (!writeKey || writeKey.length > 200) return null;
    const hash = hashWriteKey(writeKey);
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) return cached.source;
    const source = (await one<SourceRow>(db, `SELECT ${SOURCE_COLUMNS} FROM source WHERE write_key_hash = $1 AND revoked_at IS NULL`, [hash])) ?? null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { source, until: Date.now() + CACHE_MS });
    return source;
  }
}
