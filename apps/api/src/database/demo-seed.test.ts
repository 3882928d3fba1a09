import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.js';
import { seedDemoIfEmpty } from './demo-seed.js';

describe('the demo seed', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('fills every part of the graph, and only once', async () => {
    await seedDemoIfEmpty(app, { people: 200 });
    const [counts] = await app.db.query(`SELECT
      (SELECT count(*) FROM person WHERE merged_into_id IS NULL) AS persons,
      (SELECT count(DISTINCT provider) FROM identity WHERE kind = 'EXTERNAL_ID') AS providers,
      (SELECT count(*) FROM identity WHERE kind = 'PHONE') AS phones,
      (SELECT count(*) FROM event) AS events,
      (SELECT count(*) FROM trait) AS traits,
      (SELECT count(*) FROM consent) AS consents,
      (SELECT count(*) FROM merge_candidate WHERE status = 'OPEN') AS review_items,
      (SELECT count(*) FROM segment WHERE member_count > 0) AS segments,
      (SELECT count(*) FROM lifetime_value) AS values`);
    expect(Number(counts.persons)).toBeGreaterThanOrEqual(200);
    expect(Number(counts.providers)).toBeGreaterThanOrEqual(5);
    expect(Number(counts.phones)).toBeGreaterThan(100);
    expect(Number(counts.events)).toBeGreaterThan(1000);
    expect(Number(counts.traits)).toBeGreaterThan(600);
    expect(Number(counts.consents)).toBeGreaterThan(600);
    expect(Number(counts.review_items)).toBeGreaterThan(0);
    expect(Number(counts.segments)).toBe(3);
    expect(Number(counts.values)).toBeGreaterThan(50);

    await seedDemoIfEmpty(app, { people: 200 });
    const [again] = await app.db.query('SELECT count(*) AS persons FROM person WHERE merged_into_id IS NULL');
    expect(again.persons).toBe(counts.persons);
  });
});
