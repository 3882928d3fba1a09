// Purchases as the value models see them: purchase events converted to one currency and netted per
// person and UTC day, in SQL, so a recompute transfers one row per purchase day instead of one per
// event.
// Numbers in text (" 20.50", "1.5e3") by the rule segment conditions read them with too; its
// exponents stay small, so the numeric cast cannot overflow.
import { NUMERIC_TEXT_SQL } from '@spine/segment-rules';
import { rows, type Db } from '../../database/sql.js';

/** Which events are purchases and where their amount is. */
export interface PurchaseDefinition {
  /** Event names (track events) that count as purchases. */
  events: readonly string[];
  /** Properties read for the amount; the first one holding a usable number wins. */
  amountProperties: readonly string[];
  /** ISO 4217 code amounts are converted to; events that name no currency are taken as in it. */
  currency: string;
  /** Units of `currency` one unit of each other currency is worth. Events in a currency without one are skipped. */
  currencyRates: Readonly<Record<string, number>>;
}

export interface PurchaseDay {
  personId: string;
  /** Days since 1970-01-01 (UTC). */
  day: number;
  /** Net amount of the day's purchase events in the definition's currency (refunds negative); null when none had a usable, convertible amount. */
  amount: number | null;
  /** Events with a positive amount (orders). */
  orders: number;
  /** Sum of the positive amounts. */
  gross: number;
  /** Events without a usable amount: missing, not numeric, or out of range. */
  unusable: number;
  /** The currencies of events with a usable amount in a currency that has no rate (left out of the day's figures), as they name them, one per event. */
  unconvertedCurrencies: string[];
}

export const MS_PER_DAY = 86_400_000;

// Amounts at or beyond this are treated as unusable: no real order is worth 10^15, and double
// precision stops representing cents exactly well before that.
const MAX_AMOUNT = '1e15';

/**
 * SQL for the amount of an event: the first of the properties holding a JSON number or a numeric
 * string within range, as numeric; NULL when none does. `parameter` is the index of a
 * text[] parameter holding the property names.
 */
function amountExpression(properties: string, parameter: number, count: number): string {
  const candidates = Array.from({ length: count }, (_, i) => {
    const value = `${properties} -> ($${parameter}::text[])[${i + 1}]`;
    const text = `btrim(${properties} ->> ($${parameter}::text[])[${i + 1}])`;
    return `CASE jsonb_typeof(${value})
        WHEN 'number' THEN CASE WHEN abs((${value})::numeric) < ${MAX_AMOUNT} THEN (${value})::numeric END
        WHEN 'string' THEN CASE WHEN ${text} ~ '${NUMERIC_TEXT_SQL}' THEN CASE WHEN abs(${text}::numeric) < ${MAX_AMOUNT} THEN ${text}::numeric END END
      END`;
  });
  return `COALESCE(${candidates.join(', ')})`;
}

/**
 * SQL for the currency an event names in `currency` (Segment's e-commerce spec: properties.currency),
 * upper case; NULL when it names none (missing, null or blank). A value that is not text (978)
 * is kept as written, so it finds no rate and the event is reported rather than guessed.
 */
function currencyExpression(properties: string): string {
  return `CASE jsonb_typeof(${properties} -> 'currency')
        WHEN 'string' THEN nullif(upper(btrim(${properties} ->> 'currency')), '')
        ELSE left(${properties} ->> 'currency', 24)
      END`;
}

/**
 * Purchase days up to and including the UTC day of `until`, for live persons (all of them, or
 * `personIds`). One statement, grouped per person and day: each event's amount is converted to the
 * definition's currency with its rate (exactly, in numeric); an event in a currency without a rate
 * counts in no figure, only in `unconvertedCurrencies`.
 */
export async function loadPurchaseDays(
  db: Db,
  definition: PurchaseDefinition,
  options: { until: Date; personIds?: readonly string[] },
): Promise<PurchaseDay[]> {
  const endExclusive = new Date((Math.floor(options.until.getTime() / MS_PER_DAY) + 1) * MS_PER_DAY);
  const rates = Object.entries(definition.currencyRates).filter(([code]) => code !== definition.currency);
  const parameters: unknown[] = [
    definition.events,
    definition.amountProperties,
    endExclusive,
    definition.currency,
    [definition.currency, ...rates.map(([code]) => code)],
    ['1', ...rates.map(([, rate]) => String(rate))],
  ];
  let personFilter = '';
  if (options.personIds) {
    parameters.push(options.personIds);
    personFilter = `AND e.person_id = ANY($${parameters.length}::uuid[])`;
  }
  const found = await rows<{
    person_id: string;
    day: number;
    amount: number | null;
    orders: number;
    gross: number;
    unusable: number;
    unconverted_currencies: string[] | null;
  }>(
    db,
    `SELECT e.person_id, floor(extract(epoch FROM e.occurred_at) / 86400)::int AS day,
            sum(v.amount) AS amount,
            (count(*) FILTER (WHERE v.amount > 0))::int AS orders,
            coalesce(sum(v.amount) FILTER (WHERE v.amount > 0), 0) AS gross,
            (count(*) - count(a.amount))::int AS unusable,
            array_agg(a.currency) FILTER (WHERE a.amount IS NOT NULL AND r.rate IS NULL) AS unconverted_currencies
     FROM event e
     JOIN person p ON p.id = e.person_id AND p.merged_into_id IS NULL
     CROSS JOIN LATERAL (SELECT ${amountExpression('e.properties', 2, definition.amountProperties.length)} AS amount,
                                coalesce(${currencyExpression('e.properties')}, $4) AS currency) a
     LEFT JOIN unnest($5::text[], $6::numeric[]) AS r(code, rate) ON r.code = a.currency
     CROSS JOIN LATERAL (SELECT (a.amount * r.rate)::double precision AS amount) v
     WHERE e.name = ANY($1::text[]) AND e.type = 'track' AND e.occurred_at < $3 ${personFilter}
     GROUP BY e.person_id, day
     ORDER BY e.person_id, day`,
    parameters,
  );
  return found.map((row) => ({
    personId: row.person_id,
    day: row.day,
    amount: row.amount,
    orders: row.orders,
    gross: row.gross,
    unusable: row.unusable,
    unconvertedCurrencies: row.unconverted_currencies ?? [],
  }));
}
