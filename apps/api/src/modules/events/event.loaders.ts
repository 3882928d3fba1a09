import DataLoader from 'dataloader';
import { encodeTimeIdCursor, exactTimeSql } from '../../graphql/pagination.js';
import { likePrefix, rows, type Db } from '../../database/sql.js';
import type { Event, EventConnection } from './event.type.js';

export interface EventRow {
  id: string;
  message_id: string;
  person_id: string | null;
  type: string;
  name: string;
  source: string;
  properties: unknown;
  context: unknown;
  anonymous_id: string | null;
  session_id: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  occurred_at: Date;
  received_at: Date;
}

export function toEvent(row: EventRow): Event {
  return {
    id: row.id,
    messageId: row.message_id,
    personId: row.person_id,
    type: row.type,
    name: row.name,
    source: row.source,
    properties: row.properties ?? {},
    context: row.context,
    anonymousId: row.anonymous_id,
    sessionId: row.session_id,
    utmSource: row.utm_source,
    utmMedium: row.utm_medium,
    utmCampaign: row.utm_campaign,
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
  };
}

export interface EventPageKey {
  personId: string;
  first: number;
  /** Decoded cursor: [occurredAt ISO, id]. */
  after?: [string, string];
  name?: string | null;
}

export function eventCursor(row: { occurred_cursor: string; id: string }): string {
  return encodeTimeIdCursor(row.occurred_cursor, row.id);
}

/**
 * A page of each person's events, newest first, with the total. Keys that share the same page
 * arguments (the usual case: a list of persons) are answered by one statement.
 */
export function createEventPageLoader(db: Db) {
  return new DataLoader<EventPageKey, EventConnection, string>(
    async (keys) => {
      const groups = new Map<string, EventPageKey[]>();
      for (const key of keys) {
        const group = JSON.stringify([key.first, key.after ?? null, key.name ?? null]);
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const pages = new Map<string, EventConnection>();
      for (const group of groups.values()) {
        const { first, after, name } = group[0];
        const personIds = group.map((key) => key.personId);
        const found = await rows<EventRow & { occurred_cursor: string; total: string; after_cursor: boolean }>(
          db,
          `SELECT * FROM (
             SELECT e.id, e.message_id, e.person_id, e.type, e.name, e.source, e.properties, e.context, e.anonymous_id,
                    e.session_id, e.utm_source, e.utm_medium, e.utm_campaign, e.occurred_at, e.received_at,
                    ${exactTimeSql('e.occurred_at')} AS occurred_cursor,
                    count(*) OVER (PARTITION BY e.person_id) AS total,
                    ($3::timestamptz IS NULL OR (e.occurred_at, e.id) < ($3::timestamptz, $4::uuid)) AS after_cursor,
                    row_number() OVER (
                      PARTITION BY e.person_id, ($3::timestamptz IS NULL OR (e.occurred_at, e.id) < ($3::timestamptz, $4::uuid))
                      ORDER BY e.occurred_at DESC, e.id DESC) AS position
             FROM event e
             WHERE e.person_id = ANY($1::uuid[]) AND ($2::text IS NULL OR lower(e.name) LIKE $2)
           ) page
           -- the first row before the cursor is kept only to carry the total when the page is empty
           WHERE (after_cursor AND position <= $5) OR (NOT after_cursor AND position = 1)
           ORDER BY person_id, occurred_at DESC, id DESC`,
          [personIds, name ? likePrefix(name.toLowerCase()) : null, after?.[0] ?? null, after?.[1] ?? null, first + 1],
        );
        const byPerson = new Map<string, (typeof found)[number][]>();
        const totals = new Map<string, number>();
        for (const row of found) {
          totals.set(row.person_id!, Number(row.total));
          if (row.after_cursor) byPerson.set(row.person_id!, [...(byPerson.get(row.person_id!) ?? []), row]);
        }
        for (const key of group) {
          const personRows = byPerson.get(key.personId) ?? [];
          const visible = personRows.slice(0, first);
          pages.set(eventPageCacheKey(key), {
            edges: visible.map((row) => ({ cursor: eventCursor(row), node: toEvent(row) })),
            pageInfo: { hasNextPage: personRows.length > first, endCursor: visible.length ? eventCursor(visible[visible.length - 1]) : null },
            totalCount: totals.get(key.personId) ?? 0,
          });
        }
      }
      return keys.map((key) => pages.get(eventPageCacheKey(key))!);
    },
    { cacheKeyFn: eventPageCacheKey },
  );
}

function eventPageCacheKey(key: EventPageKey): string {
  return JSON.stringify([key.personId, key.first, key.after ?? null, key.name ?? null]);
}
