// spine import's COPY of records and identities skips PostgreSQL's per-row foreign-key trigger
// only when every person the rows reference is one the transaction holds (locked by its snapshot
// or written by it), and only for roles allowed to; anything else gets the checked COPY.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import { resolveBatch, type ResolutionPlan } from '@spine/identity-core';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { PostgresIdentityStore } from './postgres-identity-store.js';

describe('bulk COPY without row triggers', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const records = (prefix: string) =>
    app.services.identityIngest.normalize([
      { provider: 'shopify', externalId: `${prefix}-1`, email: `${prefix}.one@fastmail.com`, firstName: 'Ona', observedAt: '2025-01-01T00:00:00Z' },
      { provider: 'stripe', externalId: `${prefix}-2`, email: `${prefix}.one@fastmail.com`, phone: '+14155550142', firstName: 'Ona', observedAt: '2025-01-02T00:00:00Z' },
      { provider: 'app', externalId: `${prefix}-3`, email: `${prefix}.two@fastmail.com`, observedAt: '2025-01-03T00:00:00Z' },
    ]);

  /** Resolves and applies `prefix`'s records in one bulk transaction; `before` runs first in it, `alter` may change the plan. */
  async function apply(prefix: string, before?: (tx: EntityManager) => Promise<void>, alter?: (plan: ResolutionPlan) => void): Promise<PostgresIdentityStore> {
    let store: PostgresIdentityStore | undefined;
    await app.db.transaction(async (tx) => {
      await before?.(tx);
      store = new PostgresIdentityStore(tx, app.services.merges, 'test', { bulk: true });
      const batch = records(prefix);
      const plan = resolveBatch(batch, await store.loadSnapshot(batch));
      alter?.(plan);
      await store.applyPlan(plan);
    });
    return store!;
  }

  const stored = async (prefix: string) =>
    Number((await app.db.query(`SELECT count(*)::int AS n FROM source_record WHERE external_id LIKE $1`, [`${prefix}-%`]))[0].n);

  it('writes records and identities of the persons it holds without them, and stores them whole', async () => {
    const store = await apply('held');
    expect(store.uncheckedCopies).toBe(2);
    expect(await stored('held')).toBe(3);
    const orphans = await app.db.query(
      `SELECT count(*)::int AS n FROM identity i WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id = i.person_id)`,
    );
    expect(orphans[0].n).toBe(0);
  });

  it('checks each row when a row references a person the transaction does not hold: a missing person fails the whole plan', async () => {
    const missing = randomUUID();
    await expect(
      apply('stray', undefined, (plan) => {
        plan.records[0].personId = missing;
      }),
    ).rejects.toThrow(/foreign key/);
    expect(await stored('stray')).toBe(0);
    expect((await app.db.query('SELECT count(*)::int AS n FROM identity WHERE value LIKE $1', ['stray%']))[0].n).toBe(0);
  });

  it('checks each row for a role that may not switch triggers off', async () => {
    await app.db.query(`DO $$ BEGIN CREATE ROLE spine_plain_writer NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
    await app.db.query('GRANT ALL ON ALL TABLES IN SCHEMA public TO spine_plain_writer');
    const store = await apply('plain', async (tx) => {
      await tx.query('SET LOCAL ROLE spine_plain_writer');
    });
    expect(store.uncheckedCopies).toBe(0);
    expect(await stored('plain')).toBe(3);
  });
});
