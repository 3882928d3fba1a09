import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

const RECOMPUTE = `mutation { recomputeLifetimeValues { persons customers skippedEvents currency skippedCurrencyEvents skippedCurrencies { currency events } } }`;
const PERSON_VALUE = `query ($id: ID!) { person(id: $id) {
  lifetimeValue { currentValue totalPurchases averagePurchaseValue currency }
  purchases { date amount orders currency }
  expectedPurchases(weeks: 26)
} }`;

const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY) * DAY;
const daysAgo = (days: number, hour = 12) => new Date(today - days * DAY + hour * 3_600_000);

describe('purchases in several currencies', () => {
  let app: TestApp;
  const ids: Record<string, string> = {};
  let recompute: any;
  const warnings: string[] = [];

  beforeAll(async () => {
    // Values in USD; one euro is worth 1.08 dollars, one yen 0.0067. No rate for GBP, CHF.
    app = await createTestApp({}, { SPINE_CURRENCY_RATES: '{"EUR": 1.08, "jpy": 0.0067}' });
    const order = (customerId: string, line: number, at: Date, properties: Record<string, unknown>) => ({ customerId, messageId: `fx-${customerId}-${line}`, occurredAt: at, properties });
    await app.services.purchaseImport.importPurchases(
      app.db,
      [
        order('mixed', 1, daysAgo(40), { revenue: 100, currency: 'USD' }),
        order('mixed', 2, daysAgo(20), { revenue: 10_000, currency: 'JPY' }),
        order('any-case', 1, daysAgo(30), { revenue: '50', currency: ' eur ' }),
        order('none', 1, daysAgo(25), { revenue: 25 }),
        order('none', 2, daysAgo(15), { revenue: 5, currency: null }),
        order('none', 3, daysAgo(10), { revenue: 5, currency: '' }),
        order('unrated', 1, daysAgo(35), { revenue: 100, currency: 'usd' }),
        order('unrated', 2, daysAgo(35, 18), { revenue: 500, currency: 'GBP' }),
        order('unrated', 3, daysAgo(12), { revenue: 80, currency: 'gbp' }),
        order('unrated', 4, daysAgo(8), { revenue: 40, currency: 978 }),
        order('only-unrated', 1, daysAgo(9), { revenue: 70, currency: 'CHF' }),
        // Without a usable amount: skipped for that, whatever its currency.
        order('only-unrated', 2, daysAgo(7), { revenue: 'n/a', currency: 'CHF' }),
      ],
      { provider: 'fx', eventName: 'Order Completed' },
    );
    for (const customer of ['mixed', 'any-case', 'none', 'unrated', 'only-unrated']) {
      const [row] = (await app.db.query(`SELECT person_id FROM identity WHERE kind = 'EXTERNAL_ID' AND value = $1`, [customer])) as { person_id: string }[];
      ids[customer] = row.person_id;
    }
    const log = vi.spyOn(app.db.logger, 'log').mockImplementation((level, message) => {
      // A fit on five customers may also warn that it did not converge: only the currency warning is ours.
      if (level === 'warn' && String(message).includes('currenc')) warnings.push(String(message));
    });
    try {
      const result = await app.gql(RECOMPUTE);
      expect(result.errors).toBeUndefined();
      recompute = result.data.recomputeLifetimeValues;
    } finally {
      log.mockRestore();
    }
  });
  afterAll(() => app?.close());

  const person = async (id: string) => {
    const result = await app.gql(PERSON_VALUE, { id });
    expect(result.errors).toBeUndefined();
    return result.data.person;
  };

  it('converts amounts in a currency with a rate to SPINE_CURRENCY', async () => {
    const mixed = await person(ids.mixed);
    // 100 USD + 10,000 JPY at 0.0067: 167 USD, not 10,100.
    expect(mixed.lifetimeValue).toEqual({ currentValue: 167, totalPurchases: 2, averagePurchaseValue: 83.5, currency: 'USD' });
    expect(mixed.purchases).toEqual([
      { date: new Date(today - 40 * DAY).toISOString(), amount: 100, orders: 1, currency: 'USD' },
      { date: new Date(today - 20 * DAY).toISOString(), amount: 67, orders: 1, currency: 'USD' },
    ]);
    // Codes in any case and with spaces, amounts as numeric strings.
    expect((await person(ids['any-case'])).lifetimeValue).toMatchObject({ currentValue: 54, totalPurchases: 1, currency: 'USD' });
  });

  it('takes a purchase that names no currency (missing, null or blank) as SPINE_CURRENCY', async () => {
    expect((await person(ids.none)).lifetimeValue).toMatchObject({ currentValue: 35, totalPurchases: 3, currency: 'USD' });
  });

  it('leaves purchases in a currency without a rate out of every figure, and reports them', async () => {
    const unrated = await person(ids.unrated);
    // Only the USD order: the GBP order the same day and the later GBP and 978 ones count nowhere.
    expect(unrated.lifetimeValue).toEqual({ currentValue: 100, totalPurchases: 1, averagePurchaseValue: 100, currency: 'USD' });
    expect(unrated.purchases).toEqual([{ date: new Date(today - 35 * DAY).toISOString(), amount: 100, orders: 1, currency: 'USD' }]);
    const onlyUnrated = await person(ids['only-unrated']);
    expect(onlyUnrated).toMatchObject({ lifetimeValue: null, purchases: [], expectedPurchases: 0 });

    expect(recompute).toEqual({
      persons: 4,
      customers: 4,
      skippedEvents: 1,
      currency: 'USD',
      skippedCurrencyEvents: 4,
      skippedCurrencies: [
        { currency: 'GBP', events: 2 },
        { currency: '978', events: 1 },
        { currency: 'CHF', events: 1 },
      ],
    });
    // The person's page says what was left out, and why.
    const leftOut = async (id: string) => (await app.gql(`query ($id: ID!) { person(id: $id) { purchasesLeftOut { unconvertedEvents currencies withoutAmount } } }`, { id })).data.person.purchasesLeftOut;
    expect(await leftOut(ids.unrated)).toEqual({ unconvertedEvents: 3, currencies: ['GBP', '978'], withoutAmount: 0 });
    expect(await leftOut(ids['only-unrated'])).toEqual({ unconvertedEvents: 1, currencies: ['CHF'], withoutAmount: 1 });
    expect(await leftOut(ids.mixed)).toEqual({ unconvertedEvents: 0, currencies: [], withoutAmount: 0 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('without 4 purchase events in currencies that have no rate to USD (GBP 2, 978 1, CHF 1)');
    expect(warnings[0]).toContain('SPINE_CURRENCY_RATES');
  });

  it('applies the same rules when a merge or unmerge rescores the persons involved', async () => {
    const merged = await app.gql(`mutation ($s: ID!, $t: ID!) { mergePersons(sourceId: $s, targetId: $t, reason: "same customer") { id } }`, { s: ids.mixed, t: ids.unrated });
    expect(merged.errors).toBeUndefined();
    expect((await person(ids.unrated)).lifetimeValue).toMatchObject({ currentValue: 267, totalPurchases: 3, currency: 'USD' });
    const undone = await app.gql(`mutation ($m: ID!) { unmerge(mergeId: $m) { id } }`, { m: merged.data.mergePersons.id });
    expect(undone.errors).toBeUndefined();
    expect((await person(ids.unrated)).lifetimeValue).toMatchObject({ currentValue: 100, totalPurchases: 1 });
    expect((await person(ids.mixed)).lifetimeValue).toMatchObject({ currentValue: 167, totalPurchases: 2 });
  });

  it('serves a value written before values kept their currency in the configured one', async () => {
    await app.db.query('UPDATE lifetime_value SET currency = NULL WHERE person_id = $1', [ids.none]);
    expect((await person(ids.none)).lifetimeValue.currency).toBe('USD');
  });

  it('writes values in another SPINE_CURRENCY, converting with its rates', async () => {
    const euros = await createTestApp({}, { SPINE_CURRENCY: 'eur', SPINE_CURRENCY_RATES: '{"USD": 0.9}' });
    try {
      await euros.services.purchaseImport.importPurchases(
        euros.db,
        [
          { customerId: 'c', messageId: 'eur-1', occurredAt: daysAgo(20), properties: { revenue: 10 } },
          { customerId: 'c', messageId: 'eur-2', occurredAt: daysAgo(10), properties: { revenue: 100, currency: 'USD' } },
        ],
        { provider: 'fx', eventName: 'Order Completed' },
      );
      const result = await euros.gql(RECOMPUTE);
      expect(result.data.recomputeLifetimeValues).toMatchObject({ persons: 1, currency: 'EUR', skippedCurrencyEvents: 0, skippedCurrencies: [] });
      const [row] = (await euros.db.query(`SELECT person_id FROM identity WHERE kind = 'EXTERNAL_ID' AND value = 'c'`)) as { person_id: string }[];
      const value = (await euros.gql(PERSON_VALUE, { id: row.person_id })).data.person;
      expect(value.lifetimeValue).toMatchObject({ currentValue: 100, totalPurchases: 2, currency: 'EUR' });
      expect(value.purchases.map((purchase: { amount: number; currency: string }) => [purchase.amount, purchase.currency])).toEqual([[10, 'EUR'], [90, 'EUR']]);
    } finally {
      await euros.close();
    }
  });
});

describe('currency configuration', () => {
  const problems = (env: NodeJS.ProcessEnv) => {
    try {
      loadConfig(env);
    } catch (error) {
      return (error as Error).message;
    }
    return null;
  };

  it('defaults to USD without rates, and reads codes in any case', () => {
    expect(loadConfig({}).value).toMatchObject({ currency: 'USD', currencyRates: {} });
    expect(loadConfig({ SPINE_CURRENCY: ' eur ', SPINE_CURRENCY_RATES: '{"usd": 0.92, "JPY": 0.0061, "EUR": 1}' }).value).toMatchObject({
      currency: 'EUR',
      currencyRates: { USD: 0.92, JPY: 0.0061, EUR: 1 },
    });
  });

  it('stops at start with a message naming the setting and the problem', () => {
    expect(problems({ SPINE_CURRENCY: 'EURO' })).toBe('Invalid configuration:\n  SPINE_CURRENCY: "EURO" is not an ISO 4217 currency code (USD, EUR, JPY, ...)');
    expect(problems({ SPINE_CURRENCY: 'EUD' })).toContain('SPINE_CURRENCY: "EUD" is not an ISO 4217 currency code');
    expect(problems({ SPINE_CURRENCY_RATES: '{EUR: 1.08}' })).toContain('SPINE_CURRENCY_RATES: not JSON');
    expect(problems({ SPINE_CURRENCY_RATES: '[1.08]' })).toContain('SPINE_CURRENCY_RATES: must be a JSON object of rates');
    expect(problems({ SPINE_CURRENCY_RATES: '{"EUR": 0}' })).toContain('SPINE_CURRENCY_RATES: EUR: the rate must be a positive number');
    expect(problems({ SPINE_CURRENCY_RATES: '{"EUR": "1.08"}' })).toContain('SPINE_CURRENCY_RATES: EUR: the rate must be a positive number');
    expect(problems({ SPINE_CURRENCY_RATES: '{"EUR": -1.08}' })).toContain('SPINE_CURRENCY_RATES: EUR: the rate must be a positive number');
    expect(problems({ SPINE_CURRENCY_RATES: '{"Euro": 1.08}' })).toContain('SPINE_CURRENCY_RATES: "Euro" is not an ISO 4217 currency code');
    expect(problems({ SPINE_CURRENCY_RATES: '{"EUR": 1.08, "eur": 1.09}' })).toContain('SPINE_CURRENCY_RATES: EUR is given twice');
    expect(problems({ SPINE_CURRENCY: 'EUR', SPINE_CURRENCY_RATES: '{"EUR": 1.08}' })).toContain('SPINE_CURRENCY_RATES: EUR is SPINE_CURRENCY itself: its rate is 1, not 1.08');
  });
});
