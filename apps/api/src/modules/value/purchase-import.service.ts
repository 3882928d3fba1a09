// Loads purchase histories kept outside Spine (the CDNOW sample, benchmark data) as purchase
// events: one person per external customer id, one event per purchase, set-based and idempotent.
import fs from 'node:fs';
import type { DataSource } from 'typeorm';
import { one } from '../../database/sql.js';
import { withTransaction } from '../../database/transaction.js';

export interface ExternalPurchase {
  /** The customer's id in the source system: becomes an EXTERNAL_ID identity of that provider. */
  customerId: string;
  /** Idempotency key: loading the same purchase twice stores it once. */
  messageId: string;
  occurredAt: Date;
  /** Event properties, e.g. { revenue: 29.33, quantity: 2 }. */
  properties: Record<string, unknown>;
}

export interface PurchaseImportResult {
  purchases: number;
  personsCreated: number;
  eventsCreated: number;
  /** Purchases whose messageId was already stored. */
  duplicates: number;
}

// Rows per statement; each batch is its own transaction, so a large file never holds one huge one.
const BATCH = 20_000;

export class PurchaseImportService {
  /**
   * Creates the persons that do not exist yet (found by their EXTERNAL_ID identity of `provider`)
   * and one track event named `eventName` per purchase; purchases already stored (same
   * messageId) are skipped.
   */
  async importPurchases(db: DataSource, purchases: readonly ExternalPurchase[], options: { provider: string; eventName: string }): Promise<PurchaseImportResult> {
    const result: PurchaseImportResult = { purchases: purchases.length, personsCreated: 0, eventsCreated: 0, duplicates: 0 };
    for (let start = 0; start < purchases.length; start += BATCH) {
      const batch = purchases.slice(start, start + BATCH);
      const counts = await withTransaction(db, async (tx) => {
        const customers = batch.map((purchase) => purchase.customerId);
        const times = batch.map((purchase) => purchase.occurredAt);
        // gen_random_uuid() in a MATERIALIZED CTE: each new person's id is drawn once and used for
        // both the person and its identity (the foreign key is checked at the end of the statement,
        // when the person exists; joining the two CTEs instead plans as a nested loop). Identities are looked up per customer (LATERAL … LIMIT 1,
        // an index probe each): with a plain anti-join, tables that grew within this load and have
        // no statistics yet get a nested loop over every identity, quadratic in the load.
        const persons = await one<{ created: number }>(
          tx,
          `WITH input AS (
             SELECT customer_id, min(occurred_at) AS first_at, max(occurred_at) AS last_at
             FROM unnest($2::text[], $3::timestamptz[]) AS t(customer_id, occurred_at) GROUP BY customer_id
           ), missing AS MATERIALIZED (
             SELECT gen_random_uuid() AS id, i.* FROM input i
             LEFT JOIN LATERAL (SELECT 1 AS found FROM identity WHERE kind = 'EXTERNAL_ID' AND scope = $1 AND value = i.customer_id LIMIT 1) known ON true
             WHERE known.found IS NULL
           ), persons AS (
             INSERT INTO person (id, first_name, last_name, first_seen_at, last_seen_at)
             SELECT id, $4, customer_id, first_at, last_at FROM missing
             RETURNING id
           ), identities AS (
             INSERT INTO identity (person_id, kind, provider, scope, value, is_primary, first_seen_at, last_seen_at)
             SELECT m.id, 'EXTERNAL_ID', $1, $1, m.customer_id, true, m.first_at, m.last_at FROM missing m
             RETURNING 1
           )
           SELECT count(*)::int AS created FROM identities`,
          [options.provider, customers, times, `${options.provider.toUpperCase()} customer`],
        );
        const events = await one<{ created: number }>(
          tx,
          `WITH created AS (
             INSERT INTO event (message_id, person_id, identity_id, user_id, type, name, source, properties, occurred_at)
             SELECT t.message_id, i.person_id, i.id, t.customer_id, 'track', $2, $1, t.properties::jsonb, t.occurred_at
             FROM unnest($3::text[], $4::text[], $5::timestamptz[], $6::text[]) AS t(message_id, customer_id, occurred_at, properties)
             JOIN LATERAL (SELECT id, person_id FROM identity WHERE kind = 'EXTERNAL_ID' AND scope = $1 AND value = t.customer_id LIMIT 1) i ON true
             ON CONFLICT (message_id) DO NOTHING
             RETURNING 1
           )
           SELECT count(*)::int AS created FROM created`,
          [
            options.provider,
            options.eventName,
            batch.map((purchase) => purchase.messageId),
            customers,
            times,
            batch.map((purchase) => JSON.stringify(purchase.properties)),
          ],
        );
        return { persons: persons!.created, events: events!.created };
      });
      result.personsCreated += counts.persons;
      result.eventsCreated += counts.events;
    }
    result.duplicates = result.purchases - result.eventsCreated;
    return result;
  }

  /**
   * The CDNOW sample (Fader & Hardie's 1/10 sample of CDNOW customers, 1997-01 to 1998-06) as
   * `Order Completed` events: persons by CDNOW customer id, messageId cdnow-<customer>-<line>.
   */
  async loadCdnow(db: DataSource, file: string): Promise<PurchaseImportResult & { rejectedLines: number[] }> {
    const { purchases, rejectedLines } = parseCdnow(fs.readFileSync(file, 'utf8'));
    const result = await this.importPurchases(db, purchases, { provider: 'cdnow', eventName: 'Order Completed' });
    return { ...result, rejectedLines };
  }
}

/**
 * CDNOW_sample.txt: whitespace-separated customer id, sample id, date (YYYYMMDD), number of CDs,
 * dollar value, one purchase a line. Lines that do not parse are returned by number, not loaded.
 */
export function parseCdnow(text: string): { purchases: ExternalPurchase[]; rejectedLines: number[] } {
  const purchases: ExternalPurchase[] = [];
  const rejectedLines: number[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const lineNumber = index + 1;
    const [customer, , date, quantity, value] = line.split(/\s+/);
    const match = /^(\d{4})(\d{2})(\d{2})$/.exec(date ?? '');
    const amount = Number(value);
    const at = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    if (!customer || !at || Number.isNaN(at.getTime()) || at.getUTCDate() !== Number(match![3]) || !Number.isFinite(amount)) {
      rejectedLines.push(lineNumber);
      return;
    }
    purchases.push({
      customerId: customer,
      messageId: `cdnow-${customer}-${lineNumber}`,
      occurredAt: at,
      properties: { revenue: amount, quantity: Number(quantity), currency: 'USD' },
    });
  });
  return { purchases, rejectedLines };
}
