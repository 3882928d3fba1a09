// Purchases as the value models see them: purchase events netted per person and UTC day, in SQL,
// so a recompute transfers one row per purchase day instead of one per event.
import { rows, type Db } from '../../database/sql.js';

/** Which events are purchases and where their amount is. */
export interface PurchaseDefinition {
  /** Event names (track events) that count as purchases. */
  events: readonly string[];
  /** Properties read for the amount; the first one holding a usable number wins. */
  amountProperties: readonly string[];
}

export interface PurchaseDay {
  personId: string;
  /** Days since 1970-01-01 (UTC). */
  day: number;
  /** Net amount of the day's purchase events (refunds negative); null when none had a usable amount. */
  amount: number | null;
  /** Events with a positive amount (orders). */
  orders: number;
  /** Sum of the positive amounts. */
  gross: number;
  /** Events without a usable amount: missing, not numeric, or out of range. */
  unusable: number;
}

export const MS_PER_DAY = 86_400_000;

// A plain decimal number, as text; exponents stay small so the numeric cast cannot overflow.
const NUMERIC_TEXT = String.raw`^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]{1,3})?$`;
// Amounts at or beyond this are treated as unusable: no real order is worth 10^15, and double
// precision stops representing cents exactly well before that.
const MAX_AMOUNT = '1e15';

/**
 * SQL for the amount of an event: the first of the properties holding a JSON number or a numeric
 * string within range, as double precision; NULL when none does. `parameter` is the index of a
 * text[] parameter holding the property names.
 */
function amountExpression(properties: string, parameter: number, count: number): string {
  const candidates = Array.from({ length: count }, (_, i) => {
    const value = `${properties} -> ($${parameter}::text[])[${i + 1}]`;
    const text = `btrim(${properties} ->> ($${parameter}::text[])[${i + 1}])`;
    return `CASE jsonb_typeof(${value})
        WHEN 'number' THEN CASE WHEN abs((${value})::numeric) < ${MAX_AMOUNT} THEN (${value})::numeric END
        WHEN 'string' THEN CASE WHEN ${text} ~ '${NUMERIC_TEXT}' AND abs(${text}::numeric) < ${MAX_AMOUNT} THEN ${text}::numeric END
      END`;
  });
  return `(COALESCE(${candidates.join(', ')}))::double precision`;
}

/**
 * Purchase days up to and including the UTC day of `until`, for live persons (all of them, or
 * `personIds`). One statement, grouped per person and day.
 */
export async function loadPurchaseDays(
  db: Db,
  definition: PurchaseDefinition,
  options: { until: Date; personIds?: readonly string[] },
): Promise<PurchaseDay[]> {
  const endExclusive = new Date((Math.floor(options.until.getTime() / MS_PER_DAY) + 1) * MS_PER_DAY);
  const parameters: unknown[] = [definition.events, definition.amountProperties, endExclusive];
  let personFilter = '';
  if (options.personIds) {
    parameters.push(options.personIds);
    personFilter = `AND e.person_id = ANY($${parameters.length}::uuid[])`;
  }
  const found = await rows<{ person_id: string; day: number; amount: number | null; orders: number; gross: number; unusable: number }>(
    db,
    `SELECT e.person_id, floor(extract(epoch FROM e.occurred_at) / 86400)::int AS day,
            sum(a.amount) AS amount,
            (count(*) FILTER (WHERE a.amount > 0))::int AS orders,
            coalesce(sum(a.amount) FILTER (WHERE a.amount > 0), 0) AS gross,
            (count(*) - count(a.amount))::int AS unusable
     FROM event e
     JOIN person p ON p.id = e.person_id AND p.merged_into_id IS NULL
     CROSS JOIN LATERAL (SELECT ${amountExpression('e.properties', 2, definition.amountProperties.length)} AS amount) a
     WHERE e.name = ANY($1::text[]) AND e.type = 'track' AND e.occurred_at < $3 ${personFilter}
     GROUP BY e.person_id, day
     ORDER BY e.person_id, day`,
    parameters,
  );
  return found.map((row) => ({ personId: row.person_id, day: row.day, amount: row.amount, orders: row.orders, gross: row.gross, unusable: row.unusable }));
}
