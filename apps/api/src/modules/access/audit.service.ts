// The audit log: who viewed or searched PII, merged, unmerged, decided, exported, erased, managed access;
// when and why. Rows are only ever inserted (the table's triggers refuse UPDATE, DELETE and
// TRUNCATE). Persons are named by id, never by a personal value.
import { rows, type Db } from '../../database/sql.js';
import { InstanceSecret } from '../../database/instance-secret.js';

export const AuditAction = {
  VIEW_PERSON: 'VIEW_PERSON',
  EXPORT_PERSON: 'EXPORT_PERSON',
  ERASE_PERSON: 'ERASE_PERSON',
  MERGE: 'MERGE',
  UNMERGE: 'UNMERGE',
  DECIDE_MERGE_CANDIDATE: 'DECIDE_MERGE_CANDIDATE',
  LINK_IDENTITY: 'LINK_IDENTITY',
  VERIFY_IDENTITY: 'VERIFY_IDENTITY',
  SET_PRIMARY_IDENTITY: 'SET_PRIMARY_IDENTITY',
  SIGN_IN: 'SIGN_IN',
  SIGN_IN_FAILED: 'SIGN_IN_FAILED',
  CREATE_STAFF_USER: 'CREATE_STAFF_USER',
  UPDATE_STAFF_USER: 'UPDATE_STAFF_USER',
  CREATE_API_KEY: 'CREATE_API_KEY',
  REVOKE_API_KEY: 'REVOKE_API_KEY',
  SEARCH_PERSONS: 'SEARCH_PERSONS',
  LOOKUP_PERSON: 'LOOKUP_PERSON',
} as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

export interface AuditEntryInput {
  actor: string;
  action: AuditAction;
  personId?: string | null;
  subjectId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditEntryRow {
  id: string;
  at: Date;
  actor: string;
  action: AuditAction;
  person_id: string | null;
  subject_id: string | null;
  reason: string | null;
  details: Record<string, unknown>;
}

/** Repeated views of one person by one viewer within this many minutes are one entry. */
export const VIEW_WINDOW_MINUTES = 10;

/**
 * What a search looked for, as the log keeps it: a keyed hash of the text (trimmed, lower case,
 * single spaces), never the text, which is often an e-mail address or a name.
 */
export function normalizeSearchText(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/gu, ' ');
}

export class AuditService {
  private readonly searchKey = new InstanceSecret('audit-search-hmac-key');

  /** The keyed hash a search for `text` is logged under (auditLog's `searchedFor` finds them). */
  async searchHash(db: Db, text: string): Promise<string> {
    return (await this.searchKey.hasher(db))(normalizeSearchText(text));
  }

  /**
   * A search of persons by a personal value (the persons list with a query; resolvePerson by an
   * identifier): who searched, a keyed hash of what for, and whom it returned. Repeats of the same
   * search by the same caller within VIEW_WINDOW_MINUTES are one entry, as views are.
   */
  async recordSearch(
    db: Db,
    entry: { actor: string; action: typeof AuditAction.SEARCH_PERSONS | typeof AuditAction.LOOKUP_PERSON; text: string; personIds: readonly string[]; details?: Record<string, unknown> },
  ): Promise<void> {
    const searchHash = await this.searchHash(db, entry.text);
    await db.query(
      `INSERT INTO audit_log (actor, action, person_id, details)
       SELECT $1, $2, $3, $4::jsonb
       WHERE NOT EXISTS (
         SELECT 1 FROM audit_log WHERE details ? 'searchHash' AND details->>'searchHash' = $5 AND at > now() - make_interval(mins => $6)
           AND actor = $1 AND action = $2 AND person_id IS NOT DISTINCT FROM $3
       )`,
      [
        entry.actor,
        entry.action,
        entry.personIds.length === 1 ? entry.personIds[0] : null,
        JSON.stringify({ ...entry.details, searchHash, results: entry.personIds.length, personIds: entry.personIds.slice(0, 100) }),
        searchHash,
        VIEW_WINDOW_MINUTES,
      ],
    );
  }
  async record(db: Db, entry: AuditEntryInput): Promise<void> {
    await db.query('INSERT INTO audit_log (actor, action, person_id, subject_id, reason, details) VALUES ($1, $2, $3, $4, $5, $6)', [
      entry.actor,
      entry.action,
      entry.personId ?? null,
      entry.subjectId ?? null,
      entry.reason?.slice(0, 2000) ?? null,
      JSON.stringify(entry.details ?? {}),
    ]);
  }

  /**
   * A view of a person's 360, once per viewer, person and reason in VIEW_WINDOW_MINUTES: one page
   * asks for the person several times (the page, its events, a filter, the next page of events),
   * and the log should say who looked, not how many queries the page made.
   */
  async recordView(db: Db, entry: { actor: string; personId: string; reason: string | null }): Promise<void> {
    await db.query(
      `INSERT INTO audit_log (actor, action, person_id, reason, details)
       SELECT $1, $2, $3, $4, '{}'::jsonb
       WHERE NOT EXISTS (
         SELECT 1 FROM audit_log WHERE person_id = $3 AND at > now() - make_interval(mins => $5) AND action = $2 AND actor = $1 AND reason IS NOT DISTINCT FROM $4
       )`,
      [entry.actor, AuditAction.VIEW_PERSON, entry.personId, entry.reason?.slice(0, 2000) ?? null, VIEW_WINDOW_MINUTES],
    );
  }

  /** Newest first; `before` is the id of the last entry of the previous page. */
  async list(
    db: Db,
    filter: { first: number; before?: string | null; action?: string | null; actor?: string | null; personId?: string | null; searchedFor?: string | null },
  ): Promise<AuditEntryRow[]> {
    const searchHash = filter.searchedFor ? await this.searchHash(db, filter.searchedFor) : null;
    return rows<AuditEntryRow>(
      db,
      `SELECT id::text, at, actor, action, person_id, subject_id, reason, details FROM audit_log
       WHERE ($1::bigint IS NULL OR id < $1) AND ($2::text IS NULL OR action = $2) AND ($3::text IS NULL OR actor = $3) AND ($4::uuid IS NULL OR person_id = $4)
         AND ($6::text IS NULL OR (details ? 'searchHash' AND details->>'searchHash' = $6))
       ORDER BY audit_log.id DESC LIMIT $5`,
      [filter.before ?? null, filter.action ?? null, filter.actor ?? null, filter.personId ?? null, filter.first, searchHash],
    );
  }
}
