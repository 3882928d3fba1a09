// Writes traits with their precedence: the newest observation wins; a setOnce write only fills a
// key that has no live value (first-touch attribution); an expired value counts as absent. A later
// plain write replaces a set-once value, as a `$set` after a `$set_once` does in analytics tools.
// Merges keep the first of two set-once values (MergeService).
import type { DataSource } from 'typeorm';
import { badInput, notFound } from '../../graphql/errors.js';
import { rows, type Db } from '../../database/sql.js';
import { withTransaction } from '../../database/transaction.js';
import { lockLivePerson } from '../events/live-person.js';
import { MAX_JSON_DEPTH, sanitizeJson, valueDepthExceeds, type JsonFlag } from '../events/json-safety.js';
import { toTrait, type TraitRow } from './trait.loaders.js';
import type { Trait, TraitType } from './trait.type.js';
import { traitKeyProblem, type TraitWrite } from './trait-write.js';

export const MAX_TRAITS_PER_CALL = 1000;

export interface TraitChange {
  key: string;
  value?: unknown;
  type?: TraitType | null;
  source?: string | null;
  setOnce?: boolean | null;
  expiresAt?: Date | null;
}

export class TraitService {
  /** setTraits: validates every change, then writes them to the live person in one transaction. */
  async set(db: DataSource, personId: string, changes: readonly TraitChange[]): Promise<Trait[]> {
    if (changes.length > MAX_TRAITS_PER_CALL) throw badInput(`At most ${MAX_TRAITS_PER_CALL} traits per call (got ${changes.length})`);
    const keys = new Set<string>();
    const now = Date.now();
    // Keys are only ever row values and Map keys here, never property names: `__proto__` or
    // `constructor` is an ordinary trait.
    changes.forEach((change, index) => {
      const problem = traitKeyProblem(change.key);
      if (problem) throw badInput(`traits[${index}]: ${problem}`);
      if (keys.has(change.key)) throw badInput(`traits[${index}]: key ${JSON.stringify(change.key)} appears more than once`);
      keys.add(change.key);
      if (valueDepthExceeds(change.value)) throw badInput(`traits[${index}]: value is nested deeper than ${MAX_JSON_DEPTH} levels`);
      const flags = new Set<JsonFlag>();
      sanitizeJson(change.value, flags);
      if (flags.size) throw badInput(`traits[${index}]: value cannot be stored (${[...flags].join(', ')}: U+0000, lone surrogates, __proto__ keys and numbers beyond ±1.8e308 are not accepted in values)`);
      if (change.source?.includes('\u0000')) throw badInput(`traits[${index}]: source contains U+0000`);
      // An expiry already past would replace the live value with one that counts as absent.
      if (change.expiresAt && change.expiresAt.getTime() <= now) {
        throw badInput(`traits[${index}]: expiresAt ${change.expiresAt.toISOString()} is not in the future (leave it out for a value that does not expire)`);
      }
    });
    return withTransaction(db, async (tx) => {
      const live = await lockLivePerson(tx, personId);
      if (!live) throw notFound(`No person with id ${personId}`);
      const observedAt = new Date();
      await this.write(
        tx,
        changes.map((change) => ({
          personId: live,
          key: change.key,
          value: change.value ?? null,
          type: change.type ?? null,
          source: change.source ?? null,
          setOnce: change.setOnce ?? false,
          observedAt,
          expiresAt: change.expiresAt ?? null,
        })),
      );
      return this.current(tx, live, [...keys]);
    });
  }

  /**
   * Applies the writes in one statement. (personId, key) pairs must be unique: callers reduce
   * several observations of one key first (newestPerKey). Returns the rows that changed.
   */
  async write(db: Db, writes: readonly TraitWrite[]): Promise<TraitRow[]> {
    if (writes.length === 0) return [];
    // Sorted so that concurrent writers lock rows in the same order.
    const sorted = [...writes].sort((a, b) => (a.personId === b.personId ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.personId < b.personId ? -1 : 1));
    const payload = sorted.map((write) => ({
      person_id: write.personId,
      key: write.key,
      value: write.value === undefined ? null : write.value,
      type: write.type,
      source: write.source,
      set_once: write.setOnce,
      observed_at: write.observedAt.toISOString(),
      expires_at: write.expiresAt?.toISOString() ?? null,
    }));
    return rows<TraitRow>(
      db,
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS i(person_id uuid, key text, value jsonb, type text, source text, set_once boolean, observed_at timestamptz, expires_at timestamptz)
       )
       INSERT INTO trait AS t (person_id, key, value, type, source, set_once, observed_at, updated_at, expires_at)
       SELECT person_id, key, value, coalesce(type, 'DEMOGRAPHIC'), source, set_once, observed_at, now(), expires_at FROM input
       ON CONFLICT (person_id, key) DO UPDATE SET
         value = excluded.value,
         type = coalesce((SELECT i.type FROM input i WHERE i.person_id = excluded.person_id AND i.key = excluded.key), t.type),
         source = excluded.source,
         set_once = excluded.set_once,
         observed_at = excluded.observed_at,
         updated_at = now(),
         expires_at = excluded.expires_at
       WHERE (t.expires_at IS NOT NULL AND t.expires_at <= now())
          OR (NOT excluded.set_once AND excluded.observed_at >= t.observed_at)
       RETURNING person_id, key, value, type, source, updated_at, expires_at`,
      [JSON.stringify(payload)],
    );
  }

  /** The live traits of one person with the given keys, in key order. */
  async current(db: Db, personId: string, keys: readonly string[]): Promise<Trait[]> {
    const found = await rows<TraitRow>(
      db,
      `SELECT person_id, key, value, type, source, updated_at, expires_at FROM trait
       WHERE person_id = $1 AND key = ANY($2::text[]) AND (expires_at IS NULL OR expires_at > now())
       ORDER BY key`,
      [personId, keys],
    );
    return found.map(toTrait);
  }
}

/** Several observations of the same (person, key) in one batch: keep the one that would win. */
export function newestPerKey(writes: readonly TraitWrite[]): TraitWrite[] {
  const winners = new Map<string, TraitWrite>();
  for (const write of writes) {
    const id = `${write.personId}\u0000${write.key}`;
    const current = winners.get(id);
    if (!current || write.observedAt.getTime() >= current.observedAt.getTime()) winners.set(id, write);
  }
  return [...winners.values()];
}
