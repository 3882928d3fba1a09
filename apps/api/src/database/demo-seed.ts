// Seeds the demo: about 2,000 persons resolved from several providers through the real identity
// engine, then events, traits and consents written set-wise in SQL.
import type { Runtime } from '../runtime.js';
import { generateDemoPeople } from './demo-data.js';

export const DEMO_PEOPLE = 2000;

export async function seedDemoIfEmpty(runtime: Pick<Runtime, 'db' | 'logger' | 'services' | 'config'>, options: { force?: boolean; people?: number } = {}): Promise<void> {
  const { db, logger, services } = runtime;
  const [{ count }] = (await db.query('SELECT count(*) AS count FROM person')) as { count: string }[];
  if (Number(count) > 0 && !options.force) {
    logger.info({ persons: Number(count) }, 'database already has data: demo seed skipped');
    return;
  }
  const started = Date.now();
  const people = generateDemoPeople(options.people ?? DEMO_PEOPLE);
  const records = people.flatMap((person) => person.records).sort((a, b) => String(a.observedAt).localeCompare(String(b.observedAt)));
  const ingest = await services.identityIngest.ingest(db, records, { actor: 'demo-seed' });
  logger.info({ records: records.length, ...ingest.metrics }, 'demo identities resolved');

  await db.transaction(async (tx) => {
    // Events: page views, product views and orders over the last year, per live person. Orders are
    // in the configured currency, so the demo's lifetime values count them whatever it is.
    await tx.query(`
      INSERT INTO event (message_id, person_id, type, name, source, properties, context, utm_source, utm_medium, utm_campaign, occurred_at)
      SELECT 'demo-' || p.id || '-' || n,
             p.id,
             CASE WHEN n % 5 = 0 THEN 'page' ELSE 'track' END,
             CASE WHEN n % 5 = 0 THEN 'Home' WHEN n % 7 = 0 THEN 'Order Completed' WHEN n % 3 = 0 THEN 'Product Viewed' ELSE 'Page Viewed' END,
             CASE WHEN n % 2 = 0 THEN 'web' ELSE 'ios' END,
             CASE WHEN n % 7 = 0 THEN jsonb_build_object('revenue', round((20 + (abs(hashtext(p.id::text || n)) % 18000) / 100.0)::numeric, 2), 'currency', $1::text)
                  ELSE jsonb_build_object('path', '/products/' || (abs(hashtext(p.id::text || n)) % 40)) END,
             jsonb_build_object('campaign', jsonb_build_object('source', (ARRAY['google','newsletter','instagram'])[1 + abs(hashtext(p.id::text)) % 3], 'medium', 'cpc', 'name', 'spring-sale')),
             (ARRAY['google','newsletter','instagram'])[1 + abs(hashtext(p.id::text)) % 3], 'cpc', 'spring-sale',
             now() - (abs(hashtext(p.id::text || 't' || n)) % 365) * interval '1 day' - (n * interval '7 minutes')
      FROM person p, generate_series(1, 4 + abs(hashtext(p.id::text)) % 24) AS n
      WHERE p.merged_into_id IS NULL
      ON CONFLICT (message_id) DO NOTHING`, [runtime.config.value.currency]);
    await tx.query(`
      INSERT INTO trait (person_id, key, value, type, source, observed_at)
      SELECT p.id, t.key, t.value, t.type, 'demo', now() - interval '3 days'
      FROM person p CROSS JOIN LATERAL (VALUES
        ('plan', to_jsonb((ARRAY['free','starter','pro','enterprise'])[1 + abs(hashtext(p.id::text || 'plan')) % 4]), 'LIFECYCLE'),
        ('city', to_jsonb((ARRAY['Portland','Austin','Denver','Boston','Seattle','Chicago','Atlanta','Madison'])[1 + abs(hashtext(p.id::text || 'city')) % 8]), 'DEMOGRAPHIC'),
        ('favorite_category', to_jsonb((ARRAY['shoes','outdoor','kitchen','books','toys'])[1 + abs(hashtext(p.id::text || 'cat')) % 5]), 'PREFERENCE')
      ) AS t(key, value, type)
      WHERE p.merged_into_id IS NULL
      ON CONFLICT (person_id, key) DO NOTHING`);
    await tx.query(`
      INSERT INTO trait (person_id, key, value, type, source, set_once, observed_at)
      SELECT p.id, 'first_touch_source', to_jsonb((ARRAY['google','newsletter','instagram'])[1 + abs(hashtext(p.id::text)) % 3]), 'BEHAVIORAL', 'demo', true, p.first_seen_at
      FROM person p WHERE p.merged_into_id IS NULL
      ON CONFLICT (person_id, key) DO NOTHING`);
    await tx.query(`
      WITH decisions AS (
        SELECT p.id AS person_id, c.purpose, (abs(hashtext(p.id::text || c.purpose)) % 10) < 7 AS granted,
               now() - (abs(hashtext(p.id::text || c.purpose)) % 200) * interval '1 day' AS at
        FROM person p, unnest(ARRAY['MARKETING_EMAIL','MARKETING_SMS','ANALYTICS_TRACKING','PERSONALIZATION']) AS c(purpose)
        WHERE p.merged_into_id IS NULL
      ), history AS (
        INSERT INTO consent_history (person_id, purpose, granted, source, occurred_at)
        SELECT person_id, purpose, granted, 'demo', at FROM decisions
      )
      INSERT INTO consent (person_id, purpose, granted, source, updated_at)
      SELECT person_id, purpose, granted, 'demo', at FROM decisions
      ON CONFLICT (person_id, purpose) DO NOTHING`);
    await tx.query(`UPDATE person p SET last_seen_at = greatest(p.last_seen_at, e.last) FROM (SELECT person_id, max(occurred_at) AS last FROM event GROUP BY person_id) e WHERE e.person_id = p.id`);
  });
  // A few audiences and computed value, so that every part of the console has something to show.
  const segments: { name: string; description: string; rules: unknown }[] = [
    { name: 'Email subscribers', description: 'Granted marketing email', rules: { operator: 'AND', conditions: [{ field: 'consent.MARKETING_EMAIL', operator: 'eq', value: true }] } },
    {
      name: 'Recent buyers',
      description: 'Ordered in the last 90 days',
      rules: { operator: 'AND', conditions: [{ field: 'event', operator: 'performed', value: { name: 'Order Completed', minCount: 1, withinLastDays: 90 } }] },
    },
    {
      name: 'Pro or enterprise, reachable by email',
      description: 'Upsell audience',
      rules: {
        operator: 'AND',
        conditions: [
          { field: 'trait.plan', operator: 'in', value: ['pro', 'enterprise'] },
          { field: 'consent.MARKETING_EMAIL', operator: 'eq', value: true },
        ],
      },
    },
  ];
  for (const segment of segments) await services.segments.create(db, segment);
  await services.lifetimeValue.recompute(db);
  logger.info({ seconds: (Date.now() - started) / 1000 }, 'demo data seeded');
}
