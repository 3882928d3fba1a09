import DataLoader from 'dataloader';
import { groupInKeyOrder, rows, type Db } from '../../database/sql.js';
import type { EngagementScore, LifetimeValue } from './lifetime-value.type.js';
import { loadLatestModel, type LtvModelRecord, type ModelPurpose } from './lifetime-value.service.js';
import { loadPurchaseDays, type PurchaseDay, type PurchaseDefinition } from './purchase-history.js';

/** Rows written before values kept their currency (none) are served in `currency`, the configured one. */
export function createLifetimeValueLoader(db: Db, currency: string) {
  return new DataLoader<string, LifetimeValue | null>(async (personIds) => {
    const found = await rows<{ person_id: string; current_value: number; predicted_value: number | null; total_purchases: number; average_purchase_value: number; churn_probability: number | null; computed_at: Date; currency: string | null }>(
      db,
      `SELECT person_id, current_value, predicted_value, total_purchases, average_purchase_value, churn_probability, computed_at, currency
       FROM lifetime_value WHERE person_id = ANY($1::uuid[])`,
      [personIds],
    );
    const byPerson = new Map(found.map((row) => [row.person_id, row]));
    return personIds.map((id) => {
      const row = byPerson.get(id);
      return row
        ? { currentValue: row.current_value, predictedValue: row.predicted_value, totalPurchases: row.total_purchases, averagePurchaseValue: row.average_purchase_value, churnProbability: row.churn_probability, computedAt: row.computed_at, currency: row.currency ?? currency }
        : null;
    });
  });
}

export function createEngagementLoader(db: Db) {
  return new DataLoader<string, EngagementScore | null>(async (personIds) => {
    const found = await rows<{ person_id: string; overall: number; recency: number; frequency: number; monetary: number; computed_at: Date }>(
      db,
      `SELECT person_id, overall, recency, frequency, monetary, computed_at FROM engagement_score WHERE person_id = ANY($1::uuid[])`,
      [personIds],
    );
    const byPerson = new Map(found.map((row) => [row.person_id, row]));
    return personIds.map((id) => {
      const row = byPerson.get(id);
      return row ? { overall: row.overall, recency: row.recency, frequency: row.frequency, monetary: row.monetary, computedAt: row.computed_at } : null;
    });
  });
}

export interface PurchasesKey {
  personId: string;
  /** The process's purchase definition (from configuration): the same for every key of a request. */
  definition: PurchaseDefinition;
}

/** A person's purchase days up to today, oldest first: one statement for all persons of a request. */
export function createPurchasesByPersonLoader(db: Db) {
  return new DataLoader<PurchasesKey, PurchaseDay[], string>(
    async (keys) => {
      const days = await loadPurchaseDays(db, keys[0].definition, { until: new Date(), personIds: keys.map((key) => key.personId) });
      return groupInKeyOrder(keys.map((key) => key.personId), days, (day) => day.personId);
    },
    { cacheKeyFn: (key) => key.personId },
  );
}

/**
 * The latest model of any purpose ('latest') or of one ('RECOMPUTE': the model per-person values
 * were written with), each read once per request whatever the number of persons asking.
 */
export function createLatestModelLoader(db: Db) {
  return new DataLoader<'latest' | ModelPurpose, LtvModelRecord | null>((keys) =>
    Promise.all(keys.map((key) => loadLatestModel(db, key === 'latest' ? undefined : key))));
}
