import { rows, type Db } from '../../database/sql.js';

/** The persons holding any of these identifiers now (each once, in no particular order). */
export async function personsHolding(db: Db, keys: readonly { kind: string; scope: string; value: string }[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const holders = await rows<{ person_id: string }>(
    db,
    `SELECT DISTINCT i.person_id FROM identity i
     JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(kind, scope, value) ON i.kind = k.kind AND i.scope = k.scope AND i.value = k.value`,
    [keys.map((key) => key.kind), keys.map((key) => key.scope), keys.map((key) => key.value)],
  );
  return holders.map((holder) => holder.person_id);
}
