// Builds a small, fully known graph straight in SQL, for read-side tests.
import type { DataSource } from 'typeorm';

/** n persons named Person{i} Test, each with an email, an app id, 3 traits, 2 consents, 7 events, a segment and a value. */
export async function seedGraph(db: DataSource, n: number): Promise<string[]> {
  await db.query(`
    INSERT INTO person (id, email, phone, first_name, last_name, first_seen_at, last_seen_at)
    SELECT md5('person' || i)::uuid, 'person' || i || '@example.org', '+1415555' || lpad(i::text, 4, '0'), 'Person' || i, 'Test',
           timestamptz '2024-01-01' + i * interval '1 hour', timestamptz '2024-06-01' + i * interval '1 hour'
    FROM generate_series(1, $1) AS i`, [n]);
  await db.query(`
    INSERT INTO source_record (provider, external_id, person_id, status, matched_by, fingerprint, payload, observed_at)
    SELECT 'app', 'usr_' || i, md5('person' || i)::uuid, 'LINKED', NULL, md5('r' || i), '{}'::jsonb, now()
    FROM generate_series(1, $1) AS i`, [n]);
  await db.query(`
    INSERT INTO identity (person_id, kind, provider, scope, value, raw_value, is_primary, first_seen_at, last_seen_at)
    SELECT md5('person' || i)::uuid, 'EMAIL', 'shopify', '', 'person' || i || '@example.org', 'Person' || i || '@Example.org', true, now(), now() FROM generate_series(1, $1) AS i
    UNION ALL
    SELECT md5('person' || i)::uuid, 'EXTERNAL_ID', 'app', 'app', 'usr_' || i, 'usr_' || i, false, now(), now() FROM generate_series(1, $1) AS i
    UNION ALL
    SELECT md5('person' || i)::uuid, 'PHONE', 'stripe', '', '+1415555' || lpad(i::text, 4, '0'), '(415) 555-' || lpad(i::text, 4, '0'), true, now(), now() FROM generate_series(1, $1) AS i`, [n]);
  await db.query(`
    INSERT INTO identity_link (identity_id, record_provider, record_external_id, rule)
    SELECT id, 'app', value, 'EXTERNAL_ID' FROM identity WHERE kind = 'EXTERNAL_ID'`);
  await db.query(`
    INSERT INTO trait (person_id, key, value, type, source)
    SELECT md5('person' || i)::uuid, k, to_jsonb(k || '-' || i), 'DEMOGRAPHIC', 'test'
    FROM generate_series(1, $1) AS i, unnest(ARRAY['city', 'plan', 'tier']) AS k`, [n]);
  await db.query(`
    INSERT INTO trait (person_id, key, value, type, source, expires_at)
    SELECT md5('person' || i)::uuid, 'expired_offer', '"10%"', 'PREFERENCE', 'test', now() - interval '1 day' FROM generate_series(1, $1) AS i`, [n]);
  await db.query(`
    INSERT INTO consent (person_id, purpose, granted, source, updated_at, expires_at)
    SELECT md5('person' || i)::uuid, 'MARKETING_EMAIL', true, 'test', now(), NULL FROM generate_series(1, $1) AS i
    UNION ALL
    SELECT md5('person' || i)::uuid, 'MARKETING_SMS', true, 'test', now(), now() - interval '1 day' FROM generate_series(1, $1) AS i`, [n]);
  await db.query(`
    INSERT INTO event (message_id, person_id, type, name, source, properties, occurred_at)
    SELECT 'msg-' || i || '-' || j, md5('person' || i)::uuid, 'track', CASE WHEN j % 2 = 0 THEN 'Order Completed' ELSE 'Page Viewed' END, 'test',
           jsonb_build_object('n', j), timestamptz '2024-03-01' + j * interval '1 day'
    FROM generate_series(1, $1) AS i, generate_series(1, 7) AS j`, [n]);
  await db.query(`INSERT INTO segment (id, name, rules) VALUES ('00000000-0000-0000-0000-00000000000a', 'Everyone', '{"operator":"AND","conditions":[]}')`);
  await db.query(`
    INSERT INTO segment_membership (segment_id, person_id)
    SELECT '00000000-0000-0000-0000-00000000000a', md5('person' || i)::uuid FROM generate_series(1, $1) AS i`, [n]);
  await db.query(`
    INSERT INTO lifetime_value (person_id, current_value, total_purchases, average_purchase_value)
    SELECT md5('person' || i)::uuid, i * 10, 3, i * 10 / 3.0 FROM generate_series(1, $1) AS i`, [n]);
  const ids = (await db.query(`SELECT md5('person' || i)::uuid AS id FROM generate_series(1, $1) AS i`, [n])) as { id: string }[];
  return ids.map((row) => row.id);
}
