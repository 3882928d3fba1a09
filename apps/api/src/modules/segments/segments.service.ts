// Segments on PostgreSQL: rules are validated and compiled by @spine/segment-rules into one
// parameterized query; preview counts it, refresh turns it into membership history set-wise.
import type { DataSource } from 'typeorm';
import {
  STATIC_FIELDS,
  TRAIT_PREFIX,
  collectSegmentReferences,
  collectTraitKeys,
  compileRules,
  formatRuleError,
  traitField,
  validateRules,
  type CheckedGroup,
  type FieldDefinition,
  type RuleContext,
  type RuleNode,
  type ScalarType,
} from '@spine/segment-rules';
import { badInput, conflict, notFound } from '../../graphql/errors.js';
import { requireUuid } from '../../graphql/pagination.js';
import { one, rows, type Db } from '../../database/sql.js';
import { withTransaction } from '../../database/transaction.js';
import { PERSON_COLUMNS, toPerson, type PersonRow } from '../persons/person.row.js';
import type { Person } from '../persons/person.type.js';
import type { IdentifierLookup, IdentityLookupService } from '../identity/identity-lookup.service.js';
import type { IdentityKind } from '../identity/identity-kind.enum.js';
import { isPersonalKey } from '../access/masking.js';
import { SEGMENT_COLUMNS, toSegment, type SegmentRow } from './segment.row.js';
import type { Segment } from './segment.type.js';
import { queueSegmentRecheck } from './segment-recheck.js';

/**
 * Rules evaluated for someone without pii:read: their value conditions (text and number) on traits and event
 * properties never match a value holding an e-mail address or phone number (what that reader sees
 * masked), so a count cannot spell one out. Keys that name personal data (`trait.work_email`) need
 * pii:read to be compared at all (personal-conditions.ts).
 */
const guardsPersonalValues = (key: string) => !isPersonalKey(key);
const compileOptions = (guarded: boolean) => (guarded ? { guardsPersonalValues } : {});

export const EMPTY_RULES = { operator: 'AND', conditions: [] } as const;
export const PREVIEW_SAMPLE_SIZE = 10;

export interface SegmentDraft {
  name: string;
  description?: string | null;
  rules: unknown;
  /** Saved by someone without pii:read: evaluated with personal-looking values guarded. */
  guardsPersonalValues?: boolean;
}

export interface RefreshOutcome {
  segment: Segment;
  entered: number;
  exited: number;
}

export interface StaticListOutcome {
  segment: Segment;
  changed: number;
  unresolved: { index: number; kind: IdentityKind; value: string; reason: string }[];
}

interface ContextRow {
  kind: 'segment' | 'trait';
  key: string;
  name: string | null;
  rules: unknown;
  type: ScalarType | null;
}

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (error: unknown) => ((error as { driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code) === UNIQUE_VIOLATION;

// The JSON type most of a key's (sampled, unexpired) values have; ISO date strings count as dates.
const TRAIT_TYPES_SQL = `
  SELECT k.key,
         (SELECT CASE WHEN jsonb_typeof(t.value) = 'string' AND segment_rules_timestamptz(t.value #>> '{}') IS NOT NULL THEN 'date' ELSE jsonb_typeof(t.value) END AS type
          FROM (SELECT t.value FROM trait t
                WHERE t.key = k.key AND (t.expires_at IS NULL OR t.expires_at > now()) AND jsonb_typeof(t.value) IN ('string', 'number', 'boolean')
                LIMIT 200) t
          GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1) AS type
  FROM unnest($1::text[]) AS k(key)`;

/**
 * CTEs `exited` and `entered` for a statement that has `matched` (the persons the rules match) and
 * $1 = segment id, $2 = the evaluation time: open stays of persons no longer matched close (never
 * before they opened), matched persons without an open stay get one. `scope` limits the stays
 * considered (a recheck of some persons), e.g. `AND m.person_id = ANY($3::uuid[])`.
 */
function staysSql(scope: string): string {
  return `exited AS (
         UPDATE segment_membership m SET exited_at = greatest($2::timestamptz, m.entered_at)
         WHERE m.segment_id = $1 AND m.exited_at IS NULL ${scope} AND NOT EXISTS (SELECT 1 FROM matched WHERE matched.id = m.person_id)
         RETURNING m.id
       ),
       entered AS (
         INSERT INTO segment_membership (segment_id, person_id, entered_at)
         SELECT $1, matched.id, $2::timestamptz FROM matched
         WHERE NOT EXISTS (SELECT 1 FROM segment_membership m WHERE m.segment_id = $1 AND m.person_id = matched.id AND m.exited_at IS NULL)
         RETURNING id
       )`;
}

export class SegmentsService {
  constructor(private readonly identityLookup: IdentityLookupService) {}

  /** An e-mail or phone as ingest stores it (`email eq "John.Doe@Gmail.com"` finds johndoe@gmail.com); anything else as given. */
  private readonly normalizeValue = (column: 'email' | 'phone', value: string): string => {
    try {
      return this.identityLookup.normalize({ kind: column === 'email' ? 'EMAIL' : 'PHONE', value }).value;
    } catch {
      return value;
    }
  };

  /** Everything validation needs from the database, in one statement: trait types and (when referenced) the segment graph. */
  async ruleContext(db: Db, rules: unknown, segmentId?: string): Promise<RuleContext> {
    const traitKeys = collectTraitKeys(rules);
    const needsSegments = collectSegmentReferences(rules).length > 0;
    const found = await rows<ContextRow>(
      db,
      `SELECT 'trait' AS kind, key, NULL AS name, NULL::jsonb AS rules, type FROM (${TRAIT_TYPES_SQL}) types
       UNION ALL
       SELECT 'segment', s.id::text, s.name, s.rules, NULL FROM segment s WHERE $2::boolean`,
      [traitKeys, needsSegments],
    );
    const traitTypes = new Map<string, ScalarType>();
    const segments = new Map<string, { name: string; references: string[] }>();
    for (const row of found) {
      if (row.kind === 'trait' && row.type) traitTypes.set(row.key, row.type);
      if (row.kind === 'segment') segments.set(row.key, { name: row.name ?? row.key, references: collectSegmentReferences(row.rules) });
    }
    return { traitTypes, segments: needsSegments ? segments : undefined, segmentId };
  }

  /** Validated rules, or a BAD_USER_INPUT listing every problem with its place in the tree. */
  check(rules: unknown, context: RuleContext): CheckedGroup {
    const result = validateRules(rules, { ...context, normalizeValue: this.normalizeValue });
    if (result.ok) return result.rules;
    const shown = result.errors.slice(0, 20);
    throw badInput(`Invalid segment rules: ${shown.map((error) => formatRuleError({ ...error, path: error.path ? `rules.${error.path}` : 'rules' })).join('; ')}`, {
      errors: result.errors.map((error) => ({ ...error, path: error.path ? `rules.${error.path}` : 'rules' })),
    });
  }

  /** Count and a sample of who matches now, without storing anything: two statements whatever the rules. */
  async preview(db: Db, rules: unknown, options: { sampleSize?: number; guardsPersonalValues?: boolean } = {}): Promise<{ count: number; sample: Person[] }> {
    const sampleSize = options.sampleSize ?? PREVIEW_SAMPLE_SIZE;
    const checked = this.check(rules, await this.ruleContext(db, rules));
    const compiled = compileRules(checked, { now: new Date(), firstParameter: 2, ...compileOptions(options.guardsPersonalValues ?? false) });
    const found = await rows<PersonRow & { total: number; id: string | null }>(
      db,
      `WITH matched AS MATERIALIZED (SELECT p.id, p.last_seen_at FROM ${compiled.from} WHERE ${compiled.where})
       SELECT c.total, ${PERSON_COLUMNS}
       FROM (SELECT count(*)::int AS total FROM matched) c
       LEFT JOIN LATERAL (
         SELECT p.* FROM person p JOIN (SELECT id FROM matched ORDER BY last_seen_at DESC, id LIMIT $1) s ON s.id = p.id
       ) p ON true
       ORDER BY p.last_seen_at DESC, p.id`,
      [sampleSize, ...compiled.parameters],
    );
    return { count: found[0]?.total ?? 0, sample: found.filter((row) => row.id !== null).map(toPerson) };
  }

  async get(db: Db, id: string): Promise<Segment> {
    const row = await one<SegmentRow>(db, `SELECT ${SEGMENT_COLUMNS} FROM segment s WHERE s.id = $1`, [requireUuid(id, 'Segment id')]);
    if (!row) throw notFound(`No segment has the id ${id}`);
    return toSegment(row);
  }

  /** Creates a dynamic segment and evaluates it at once, so it has members when it is returned. */
  async create(db: DataSource, draft: SegmentDraft): Promise<Segment> {
    const name = this.name(draft.name);
    return withTransaction(db, async (tx) => {
      const rules = this.withResolvedTypes(draft.rules, this.check(draft.rules, await this.ruleContext(tx, draft.rules)));
      const row = await this.insert(tx, { name, description: draft.description ?? null, kind: 'DYNAMIC', rules, guardsPersonalValues: draft.guardsPersonalValues ?? false });
      return (await this.refreshInTransaction(tx, row.id)).segment;
    }, { retries: 0 });
  }

  /** Changes a segment and re-evaluates it at once, then the segments whose rules refer to it. */
  async update(db: DataSource, id: string, draft: SegmentDraft): Promise<Segment> {
    const segmentId = requireUuid(id, 'Segment id');
    const name = this.name(draft.name);
    const updated = await withTransaction(db, async (tx) => {
      const current = await one<SegmentRow>(tx, `SELECT ${SEGMENT_COLUMNS} FROM segment s WHERE s.id = $1 FOR UPDATE`, [segmentId]);
      if (!current) throw notFound(`No segment has the id ${id}`);
      if (current.kind === 'STATIC') {
        const group = draft.rules as { conditions?: unknown };
        if (!Array.isArray(group?.conditions) || group.conditions.length > 0) throw badInput('A static segment has no rules (its members are a fixed list): send { "operator": "AND", "conditions": [] }');
      }
      const rules = current.kind === 'STATIC' ? EMPTY_RULES : this.withResolvedTypes(draft.rules, this.check(draft.rules, await this.ruleContext(tx, draft.rules, segmentId)));
      try {
        await tx.query('UPDATE segment SET name = $2, description = $3, rules = $4, guards_personal_values = $5, updated_at = now() WHERE id = $1', [
          segmentId,
          name,
          draft.description ?? null,
          JSON.stringify(rules),
          draft.guardsPersonalValues ?? false,
        ]);
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict(`A segment named "${name}" already exists`);
        throw error;
      }
      return (await this.refreshInTransaction(tx, segmentId)).segment;
    }, { retries: 0 });
    await this.refreshDependents(db, segmentId);
    return updated;
  }

  /** Deletes a segment and its membership history; refused while another segment's rules refer to it. */
  async delete(db: DataSource, id: string): Promise<boolean> {
    const segmentId = requireUuid(id, 'Segment id');
    return withTransaction(db, async (tx) => {
      const all = await rows<{ id: string; name: string; rules: unknown }>(tx, 'SELECT id, name, rules FROM segment ORDER BY lower(name) FOR UPDATE');
      if (!all.some((segment) => segment.id === segmentId)) return false;
      const users = all.filter((segment) => segment.id !== segmentId && collectSegmentReferences(segment.rules).includes(segmentId));
      if (users.length) throw conflict(`This segment is used by the rules of ${users.map((segment) => `"${segment.name}"`).join(', ')}: change those first`);
      await tx.query('DELETE FROM segment WHERE id = $1', [segmentId]);
      return true;
    });
  }

  /** Re-evaluates a segment: who entered and who left since the last refresh, recorded in one statement. */
  async refresh(db: DataSource, id: string): Promise<RefreshOutcome> {
    const segmentId = requireUuid(id, 'Segment id');
    return withTransaction(db, (tx) => this.refreshInTransaction(tx, segmentId));
  }

  /**
   * Refreshes a segment, then the segments whose rules refer to it, directly or through others
   * (referred ones first; one transaction each), so that "A or B" does not keep A's old members
   * until the scheduled refresh. Returns the segment's own outcome.
   */
  async refreshWithDependents(db: DataSource, id: string): Promise<RefreshOutcome> {
    const outcome = await this.refresh(db, id);
    await this.refreshDependents(db, outcome.segment.id);
    return outcome;
  }

  private async refreshDependents(db: DataSource, segmentId: string): Promise<void> {
    const all = await rows<{ id: string; rules: unknown }>(db, 'SELECT id, rules FROM segment ORDER BY created_at, id');
    const rulesOf = new Map(all.map((segment) => [segment.id, segment.rules]));
    const changed = new Set([segmentId.toLowerCase()]);
    for (const id of dependencyOrder(all)) {
      if (changed.has(id.toLowerCase()) || !collectSegmentReferences(rulesOf.get(id)).some((reference) => changed.has(reference.toLowerCase()))) continue;
      await this.refresh(db, id);
      changed.add(id.toLowerCase());
    }
  }

  /**
   * Refreshes every segment (stale ones only, with olderThanMinutes), those referred to by others
   * first; one transaction each. With onError, a failing segment is reported and the rest go on.
   */
  async refreshAll(db: DataSource, options: { olderThanMinutes?: number; onError?: (segmentId: string, error: unknown) => void } = {}): Promise<RefreshOutcome[]> {
    const all = await rows<{ id: string; rules: unknown; kind: string; last_evaluated_at: Date | null }>(db, 'SELECT id, rules, kind, last_evaluated_at FROM segment ORDER BY created_at, id');
    const byId = new Map(all.map((segment) => [segment.id, segment]));
    const ordered = dependencyOrder(all);
    const cutoff = options.olderThanMinutes === undefined ? undefined : Date.now() - options.olderThanMinutes * 60_000;
    const outcomes: RefreshOutcome[] = [];
    const refreshed = new Set<string>();
    for (const id of ordered) {
      const segment = byId.get(id)!;
      const stale = cutoff === undefined || !segment.last_evaluated_at || segment.last_evaluated_at.getTime() <= cutoff;
      // A segment whose referred segments just changed is stale too.
      if (!stale && !collectSegmentReferences(segment.rules).some((reference) => refreshed.has(reference))) continue;
      try {
        outcomes.push(await this.refresh(db, id));
        refreshed.add(id);
      } catch (error) {
        if (!options.onError) throw error;
        options.onError(id, error);
      }
    }
    return outcomes;
  }

  /**
   * Evaluates every dynamic segment again for these persons only (referred segments first, one
   * transaction each): stays open or close as a refresh would, and member counts move by the
   * difference. For persons a merge or an unmerge changed. Returns the stays opened and closed.
   */
  async recheckPersons(db: DataSource, personIds: readonly string[]): Promise<{ entered: number; exited: number }> {
    const total = { entered: 0, exited: 0 };
    if (personIds.length === 0) return total;
    const all = await rows<{ id: string; rules: unknown; kind: string }>(db, 'SELECT id, rules, kind FROM segment ORDER BY created_at, id');
    const kindOf = new Map(all.map((segment) => [segment.id, segment.kind]));
    // A segment that cannot be evaluated does not keep the others from being put right; it is
    // reported once they are done.
    const failures: { id: string; error: unknown }[] = [];
    for (const id of dependencyOrder(all)) {
      if (kindOf.get(id) !== 'DYNAMIC') continue;
      const outcome = await withTransaction(db, async (tx) => {
        // The row lock serializes with refreshes and updates of the segment, as a refresh does.
        const current = await one<{ kind: string; rules: unknown; guards_personal_values: boolean }>(tx, 'SELECT kind, rules, guards_personal_values FROM segment WHERE id = $1 FOR UPDATE', [id]);
        if (!current || current.kind !== 'DYNAMIC') return { entered: 0, exited: 0 };
        const now = new Date();
        const compiled = compileRules(this.check(current.rules, { segmentId: id }), { now, firstParameter: 4, ...compileOptions(current.guards_personal_values) });
        return (await one<{ entered: number; exited: number }>(
          tx,
          `WITH matched AS MATERIALIZED (SELECT p.id FROM ${compiled.from} WHERE (${compiled.where}) AND p.id = ANY($3::uuid[])),
           ${staysSql('AND m.person_id = ANY($3::uuid[])')},
           counted AS (SELECT (SELECT count(*)::int FROM entered) AS entered, (SELECT count(*)::int FROM exited) AS exited)
           UPDATE segment s SET member_count = greatest(0, s.member_count + c.entered - c.exited)
           FROM counted c WHERE s.id = $1
           RETURNING c.entered, c.exited`,
          [id, now.toISOString(), personIds, ...compiled.parameters],
        ))!;
      }).catch((error: unknown) => {
        failures.push({ id, error });
        return { entered: 0, exited: 0 };
      });
      total.entered += outcome.entered;
      total.exited += outcome.exited;
    }
    if (failures.length > 0) {
      throw new AggregateError(
        failures.map((failure) => failure.error),
        `segments ${failures.map((failure) => failure.id).join(', ')} could not be evaluated again for ${personIds.length} persons: ${String((failures[0].error as Error)?.message ?? failures[0].error)}`,
      );
    }
    return total;
  }

  /**
   * Takes the persons queued by merges and unmerges (those of `personIds`, or all) and evaluates
   * the segments for them. Entries are taken first: should the evaluation fail, they are queued
   * again, and the scheduled refresh puts every segment right in any case.
   */
  async recheckQueued(db: DataSource, options: { personIds?: readonly string[] } = {}): Promise<{ persons: number; entered: number; exited: number }> {
    const taken = (
      await rows<{ person_id: string }>(
        db,
        options.personIds
          ? 'DELETE FROM person_segment_recheck WHERE person_id = ANY($1::uuid[]) RETURNING person_id'
          : 'DELETE FROM person_segment_recheck RETURNING person_id',
        options.personIds ? [options.personIds] : [],
      )
    ).map((row) => row.person_id);
    const persons = [...new Set(taken)];
    if (persons.length === 0) return { persons: 0, entered: 0, exited: 0 };
    try {
      return { persons: persons.length, ...(await this.recheckPersons(db, persons)) };
    } catch (error) {
      await queueSegmentRecheck(db, persons).catch(() => undefined);
      throw error;
    }
  }

  /** The catalog for the builder: every static field plus one entry per trait key in the data. */
  async fields(db: Db): Promise<FieldDefinition[]> {
    const traits = await rows<{ key: string; type: ScalarType | null }>(
      db,
      `WITH RECURSIVE keys AS (
         (SELECT key FROM trait ORDER BY key LIMIT 1)
         UNION ALL
         SELECT (SELECT t.key FROM trait t WHERE t.key > keys.key ORDER BY t.key LIMIT 1) FROM keys WHERE keys.key IS NOT NULL
       )
       SELECT types.key, types.type FROM (${TRAIT_TYPES_SQL.replace('unnest($1::text[]) AS k(key)', '(SELECT key FROM keys WHERE key IS NOT NULL LIMIT 500) AS k')}) types ORDER BY types.key`,
    );
    return [...STATIC_FIELDS, ...traits.filter((trait) => trait.type !== null).map((trait) => traitField(trait.key, trait.type!))];
  }

  /** Creates a static segment from identifiers (e-mails, phones, ids), reporting those that match nobody. */
  async createStatic(db: DataSource, input: { name: string; description?: string | null; identifiers: IdentifierLookup[] }): Promise<StaticListOutcome> {
    const name = this.name(input.name);
    return withTransaction(db, async (tx) => {
      const row = await this.insert(tx, { name, description: input.description ?? null, kind: 'STATIC', rules: EMPTY_RULES });
      return this.changeStaticMembers(tx, row.id, input.identifiers, 'add');
    }, { retries: 0 });
  }

  async changeStatic(db: DataSource, id: string, identifiers: IdentifierLookup[], change: 'add' | 'remove'): Promise<StaticListOutcome> {
    const segmentId = requireUuid(id, 'Segment id');
    return withTransaction(db, async (tx) => {
      const current = await one<{ kind: string }>(tx, 'SELECT kind FROM segment WHERE id = $1 FOR UPDATE', [segmentId]);
      if (!current) throw notFound(`No segment has the id ${id}`);
      if (current.kind !== 'STATIC') throw badInput('Only static segments have a list of members to change; dynamic segments follow their rules');
      return this.changeStaticMembers(tx, segmentId, identifiers, change);
    });
  }

  private async changeStaticMembers(tx: Db, segmentId: string, identifiers: IdentifierLookup[], change: 'add' | 'remove'): Promise<StaticListOutcome> {
    const unresolved: StaticListOutcome['unresolved'] = [];
    const keys: { index: number; kind: string; scope: string; value: string }[] = [];
    identifiers.forEach((identifier, index) => {
      try {
        const key = this.identityLookup.normalize(identifier);
        keys.push({ index, kind: key.kind, scope: key.scope, value: key.value });
      } catch (error) {
        unresolved.push({ index, kind: identifier.kind as IdentityKind, value: identifier.value.slice(0, 200), reason: (error as Error).message });
      }
    });
    const found = await rows<{ index: number; person_id: string }>(
      tx,
      `SELECT k.index, i.person_id
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS k(index, kind, scope, value)
       JOIN identity i ON i.kind = k.kind AND i.scope = k.scope AND i.value = k.value
       JOIN person p ON p.id = i.person_id AND p.merged_into_id IS NULL`,
      [keys.map((key) => key.index), keys.map((key) => key.kind), keys.map((key) => key.scope), keys.map((key) => key.value)],
    );
    const resolved = new Set(found.map((row) => row.index));
    for (const key of keys) if (!resolved.has(key.index)) unresolved.push({ index: key.index, kind: key.kind as IdentityKind, value: identifiers[key.index].value.slice(0, 200), reason: 'No person has this identifier' });
    unresolved.sort((a, b) => a.index - b.index);
    const personIds = [...new Set(found.map((row) => row.person_id))];
    const changed =
      change === 'add'
        ? await rows<{ id: string }>(
            tx,
            `INSERT INTO segment_membership (segment_id, person_id)
             SELECT $1, listed.id FROM unnest($2::uuid[]) AS listed(id)
             WHERE NOT EXISTS (SELECT 1 FROM segment_membership m WHERE m.segment_id = $1 AND m.person_id = listed.id AND m.exited_at IS NULL)
             RETURNING id`,
            [segmentId, personIds],
          )
        : await rows<{ id: string }>(
            tx,
            'UPDATE segment_membership SET exited_at = greatest(now(), entered_at) WHERE segment_id = $1 AND person_id = ANY($2::uuid[]) AND exited_at IS NULL RETURNING id',
            [segmentId, personIds],
          );
    const segment = await one<SegmentRow>(
      tx,
      `UPDATE segment s SET member_count = (SELECT count(*) FROM segment_membership m WHERE m.segment_id = s.id AND m.exited_at IS NULL), updated_at = now(), last_evaluated_at = now()
       WHERE s.id = $1 RETURNING ${SEGMENT_COLUMNS}`,
      [segmentId],
    );
    return { segment: toSegment(segment!), changed: changed.length, unresolved };
  }

  private async refreshInTransaction(tx: Db, segmentId: string): Promise<RefreshOutcome> {
    // The row lock serializes refreshes of one segment (and updates to it).
    const current = await one<{ kind: string; rules: unknown; guards_personal_values: boolean }>(tx, 'SELECT kind, rules, guards_personal_values FROM segment WHERE id = $1 FOR UPDATE', [segmentId]);
    if (!current) throw notFound(`No segment has the id ${segmentId}`);
    const now = new Date();
    let matched: string;
    let parameters: unknown[];
    if (current.kind === 'STATIC') {
      // A fixed list: only members who stopped being live (merged away) leave.
      matched = 'SELECT m.person_id AS id FROM segment_membership m JOIN person p ON p.id = m.person_id WHERE m.segment_id = $1 AND m.exited_at IS NULL AND p.merged_into_id IS NULL';
      parameters = [];
    } else {
      // Stored rules carry their trait types, so a refresh reads no catalog from the data.
      const checked = this.check(current.rules, { segmentId });
      const compiled = compileRules(checked, { now, firstParameter: 3, ...compileOptions(current.guards_personal_values) });
      matched = `SELECT p.id FROM ${compiled.from} WHERE ${compiled.where}`;
      parameters = compiled.parameters;
    }
    const outcome = await one<SegmentRow & { entered: number; exited: number }>(
      tx,
      `WITH matched AS MATERIALIZED (${matched}),
       ${staysSql('')}
       UPDATE segment s SET member_count = (SELECT count(*) FROM matched), last_evaluated_at = $2::timestamptz
       WHERE s.id = $1
       RETURNING ${SEGMENT_COLUMNS}, (SELECT count(*)::int FROM entered) AS entered, (SELECT count(*)::int FROM exited) AS exited`,
      [segmentId, now.toISOString(), ...parameters],
    );
    return { segment: toSegment(outcome!), entered: outcome!.entered, exited: outcome!.exited };
  }

  private async insert(tx: Db, segment: { name: string; description: string | null; kind: 'DYNAMIC' | 'STATIC'; rules: unknown; guardsPersonalValues?: boolean }): Promise<SegmentRow> {
    try {
      const row = await one<SegmentRow>(
        tx,
        `INSERT INTO segment AS s (name, description, kind, rules, guards_personal_values) VALUES ($1, $2, $3, $4, $5) RETURNING ${SEGMENT_COLUMNS}`,
        [segment.name, segment.description, segment.kind, JSON.stringify(segment.rules), segment.guardsPersonalValues ?? false],
      );
      return row!;
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`A segment named "${segment.name}" already exists`);
      throw error;
    }
  }

  private name(raw: string): string {
    const name = raw.trim();
    if (!name) throw badInput('A segment needs a name');
    return name;
  }

  /** The rules as sent, with each trait condition's resolved type written down, so later refreshes read them the same way. */
  private withResolvedTypes(rules: unknown, checked: CheckedGroup): unknown {
    const annotate = (raw: RuleNode, node: CheckedGroup['conditions'][number]): unknown => {
      if ('conditions' in raw && node.kind === 'group') return { ...raw, conditions: raw.conditions.map((child, index) => annotate(child, node.conditions[index])) };
      if (!('conditions' in raw) && node.kind === 'scalar' && raw.field.startsWith(TRAIT_PREFIX)) return { ...raw, valueType: node.type };
      return raw;
    };
    return annotate(rules as RuleNode, checked);
  }
}

/** Segment ids with every segment after the ones its rules refer to. */
function dependencyOrder(segments: readonly { id: string; rules: unknown }[]): string[] {
  const byId = new Map(segments.map((segment) => [segment.id, segment]));
  const ordered: string[] = [];
  const visited = new Set<string>();
  const visit = (id: string) => {
    if (visited.has(id) || !byId.has(id)) return;
    visited.add(id);
    for (const reference of collectSegmentReferences(byId.get(id)!.rules)) visit(reference);
    ordered.push(id);
  };
  segments.forEach((segment) => visit(segment.id));
  return ordered;
}
