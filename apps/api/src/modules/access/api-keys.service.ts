// API keys for servers and frontend clients: scoped, shown once, stored as SHA-256, revocable.
import { one, rows, type Db } from '../../database/sql.js';
import { newToken, tokenHash } from './secrets.js';
import { API_KEY_SCOPES, Permission, type ApiKeyScope } from './roles.js';
import { isUuid } from '../../graphql/pagination.js';

export class ApiKeyError extends Error {}

export interface ApiKeyRow {
  id: string;
  name: string;
  key_prefix: string;
  scopes: ApiKeyScope[];
  source_name: string | null;
  created_at: Date;
  created_by: string;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const COLUMNS = `k.id, k.name, k.key_prefix, k.scopes, s.name AS source_name, k.created_at, k.created_by, k.revoked_at, k.last_used_at`;

export class ApiKeysService {
  async create(db: Db, input: { name: string; scopes: string[]; source?: string | null }, actor: string): Promise<{ key: ApiKeyRow; token: string }> {
    const name = input.name.trim();
    if (!name || name.length > 200) throw new ApiKeyError('An API key needs a name of 1-200 characters');
    const scopes = [...new Set(input.scopes)];
    const unknown = scopes.filter((scope) => !(API_KEY_SCOPES as readonly string[]).includes(scope));
    if (unknown.length) throw new ApiKeyError(`Unknown scope ${unknown.join(', ')}; scopes are ${API_KEY_SCOPES.join(', ')}`);
    if (!scopes.length) throw new ApiKeyError(`Give at least one scope: ${API_KEY_SCOPES.join(', ')}`);
    if (scopes.includes(Permission.PII_READ) && !scopes.includes(Permission.GRAPH_READ)) throw new ApiKeyError('pii:read only makes sense with graph:read');
    let sourceId: string | null = null;
    if (input.source) {
      if (!scopes.includes(Permission.INGEST_WRITE)) throw new ApiKeyError('Only an ingest:write key is bound to a source');
      const source = await one<{ id: string }>(db, 'SELECT id FROM source WHERE lower(name) = lower($1) AND revoked_at IS NULL', [input.source.trim()]);
      if (!source) throw new ApiKeyError(`No live source named "${input.source}"`);
      sourceId = source.id;
    }
    const token = newToken('spa');
    const created = await one<{ id: string }>(
      db,
      'INSERT INTO api_key (name, key_prefix, key_hash, scopes, source_id, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [name, token.slice(0, 10), tokenHash(token), scopes, sourceId, actor],
    );
    return { key: (await this.find(db, created!.id))!, token };
  }

  list(db: Db): Promise<ApiKeyRow[]> {
    return rows<ApiKeyRow>(db, `SELECT ${COLUMNS} FROM api_key k LEFT JOIN source s ON s.id = k.source_id ORDER BY k.created_at DESC, k.id`);
  }

  find(db: Db, id: string): Promise<ApiKeyRow | undefined> {
    return one<ApiKeyRow>(db, `SELECT ${COLUMNS} FROM api_key k LEFT JOIN source s ON s.id = k.source_id WHERE k.id = $1`, [id]);
  }

  async revoke(db: Db, id: string): Promise<ApiKeyRow> {
    if (!isUuid(id)) throw new ApiKeyError(`No API key with id ${id.slice(0, 80)} (spine keys list shows the ids)`);
    const revoked = await one<{ id: string }>(db, 'UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id', [id]);
    if (!revoked) throw new ApiKeyError(`No API key with id ${id}`);
    return (await this.find(db, id))!;
  }
}
