import { normalizeEmail, normalizePhone } from '@spine/identity-core';
import { decodeTimeIdCursor, encodeTimeIdCursor, exactTimeSql } from '../../graphql/pagination.js';
import { badInput } from '../../graphql/errors.js';
import { likePrefix, one, rows, type Db } from '../../database/sql.js';
import { PERSON_COLUMNS, toPerson, type PersonRow } from './person.row.js';
import type { PersonConnection } from './person.type.js';

export interface PersonSearch {
  query?: string | null;
  first: number;
  after?: string | null;
}

export class PersonsService {
  constructor(private readonly options: { defaultPhoneRegion: string }) {}

  /**
   * Live persons (not merged away), most recently seen first. A query matches a name prefix, an
   * email prefix, or any identifier exactly (email and phone normalized as on ingest, external ids).
   */
  async search(db: Db, search: PersonSearch): Promise<PersonConnection> {
    const after = decodeTimeIdCursor(search.after);
    // "Mia  Green" finds what "Mia Green" finds: names are stored with single spaces.
    const query = search.query?.trim().replace(/\s+/g, ' ') ?? '';
    if (query.length > 320) throw badInput('Search query is too long (at most 320 characters)');
    const filter = query ? this.searchFilter(query) : { sql: 'TRUE', parameters: [] as unknown[] };
    const offset = 2;
    const filterSql = filter.sql.replace(/\$(\d+)/g, (_, index: string) => `$${Number(index) + offset}`);

    const page = await rows<PersonRow & { last_seen_cursor: string }>(
      db,
      `SELECT ${PERSON_COLUMNS}, ${exactTimeSql('p.last_seen_at')} AS last_seen_cursor FROM person p
       WHERE p.merged_into_id IS NULL AND (${filterSql})
         AND ($1::timestamptz IS NULL OR (p.last_seen_at, p.id) < ($1::timestamptz, $2::uuid))
       ORDER BY p.last_seen_at DESC, p.id DESC
       LIMIT ${search.first + 1}`,
      [after?.[0] ?? null, after?.[1] ?? null, ...filter.parameters],
    );
    const total = await one<{ count: string }>(
      db,
      `SELECT count(*) AS count FROM person p WHERE p.merged_into_id IS NULL AND (${filter.sql})`,
      filter.parameters,
    );
    const visible = page.slice(0, search.first);
    const cursorOf = (row: (typeof page)[number]) => encodeTimeIdCursor(row.last_seen_cursor, row.id);
    return {
      edges: visible.map((row) => ({ cursor: cursorOf(row), node: toPerson(row) })),
      pageInfo: { hasNextPage: page.length > search.first, endCursor: visible.length ? cursorOf(visible[visible.length - 1]) : null },
      totalCount: Number(total?.count ?? 0),
    };
  }

  private searchFilter(query: string): { sql: string; parameters: unknown[] } {
    const lowered = query.toLowerCase();
    const exactValues = new Set([query, lowered]);
    const email = normalizeEmail(query);
    if (email.ok) exactValues.add(email.value);
    const phone = normalizePhone(query, { defaultRegion: this.options.defaultPhoneRegion });
    if (phone.ok) exactValues.add(phone.value);
    return {
      sql: `lower(coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, '')) LIKE $1
         OR lower(p.last_name) LIKE $1
         OR lower(p.email) LIKE $1
         OR p.id IN (SELECT person_id FROM identity WHERE value = ANY($2::text[]))`,
      parameters: [likePrefix(lowered), [...exactValues]],
    };
  }
}
