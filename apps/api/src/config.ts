// The only module that reads process.env. Every setting is documented in README.md.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseConsentCategories, type ConsentCategories } from './modules/consents/consent-categories.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  SPINE_DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
  SPINE_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  SPINE_ADMIN_TOKEN: z.string().min(16, 'SPINE_ADMIN_TOKEN must be at least 16 characters').optional(),
  SPINE_CORS_ORIGINS: z.string().optional(),
  SPINE_SESSION_TTL_HOURS: z.coerce.number().min(0.05).max(24 * 90).default(12),
  SPINE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  SPINE_TRACKING_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(60000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SPINE_CONSOLE_DIR: z.string().default(path.join(repoRoot, 'apps/console/dist')),
  SPINE_DEFAULT_PHONE_REGION: z.string().length(2).default('US'),
  SPINE_AUTO_MERGE: booleanFromEnv.default(true),
  SPINE_BLOCKED_VALUES: z.string().optional(),
  SPINE_HUB_THRESHOLD: z.coerce.number().int().min(2).default(3),
  SPINE_MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(10000).default(500),
  SPINE_PURCHASE_EVENTS: z.string().refine((value) => commaList(value).length > 0, 'name at least one event').default('Order Completed,purchase_completed'),
  SPINE_PURCHASE_AMOUNT_PROPERTIES: z.string().refine((value) => commaList(value).length > 0, 'name at least one property').default('revenue,total,value'),
  SPINE_CURRENCY: z.string().transform((value, ctx) => currencyCode(value, ctx) ?? z.NEVER).default('USD'),
  SPINE_CURRENCY_RATES: z.string().transform(currencyRates).optional(),
  SPINE_LTV_TIME_UNIT: z.enum(['day', 'week']).default('week'),
  SPINE_LTV_HORIZON: z.coerce.number().int().min(0).max(1200).default(12),
  SPINE_LTV_PERIOD: z.enum(['week', 'month']).default('month'),
  SPINE_LTV_DISCOUNT_RATE: z.coerce.number().gt(-1).max(10).default(0.01),
  SPINE_LTV_RECOMPUTE_INTERVAL_MINUTES: z.coerce.number().min(0).default(360),
  SPINE_SEGMENT_REFRESH_INTERVAL_MINUTES: z.coerce.number().min(0).default(15),
  SPINE_CONSENT_CATEGORIES: z.string().transform(consentCategories).optional(),
  SPINE_QUEUE_FLUSH_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
});

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPostgresPort: number;
  adminToken: string | undefined;
  auth: {
    /** How long a staff session lasts. */
    sessionTtlHours: number;
    /** GraphQL requests a minute per credential (per address when anonymous); 0 turns the limit off. */
    rateLimitPerMinute: number;
    /** Tracking API calls a minute per write key; 0 turns the limit off. */
    trackingRateLimitPerMinute: number;
    /** Browser origins (e.g. https://shop.example.com) whose pages may call /graphql with an API key. */
    corsOrigins: string[];
  };
  logLevel: string;
  consoleDir: string;
  identity: {
    defaultPhoneRegion: string;
    autoMerge: boolean;
    blockedValues: string[] | undefined;
    hubThreshold: number;
  };
  maxPageSize: number;
  value: {
    /** Event names that count as purchases. */
    purchaseEvents: string[];
    /** Properties read for a purchase's amount, first usable one wins. */
    amountProperties: string[];
    /** ISO 4217 code lifetime values are kept in; purchases without a currency are taken as in it. */
    currency: string;
    /** Units of `currency` one unit of each other currency is worth; purchases in a currency without one are skipped. */
    currencyRates: Record<string, number>;
    timeUnit: 'day' | 'week';
    /** Predicted value covers `horizon` periods of `period`, discounted by `discountRate` a period. */
    horizon: number;
    period: 'week' | 'month';
    discountRate: number;
    /** Scheduled recompute under `spine serve`; 0 turns it off. */
    recomputeIntervalMinutes: number;
  };
  segments: {
    /** Scheduled refresh of segments not evaluated within this many minutes, under `spine serve`; 0 turns it off. */
    refreshIntervalMinutes: number;
  };
  consent: {
    /** Consent categories of events' context.consent.categoryPreferences (lower case) → the purposes they stand for. */
    categories: ConsentCategories;
  };
  /**
   * How often `spine serve` does the work ingestion queued: first/last-seen times from /v1 folded
   * into the persons, segments evaluated again for persons merged by imports.
   */
  queueFlushSeconds: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  if (e.SPINE_CURRENCY_RATES && e.SPINE_CURRENCY in e.SPINE_CURRENCY_RATES && e.SPINE_CURRENCY_RATES[e.SPINE_CURRENCY] !== 1) {
    throw new Error(`Invalid configuration:\n  SPINE_CURRENCY_RATES: ${e.SPINE_CURRENCY} is SPINE_CURRENCY itself: its rate is 1, not ${e.SPINE_CURRENCY_RATES[e.SPINE_CURRENCY]}`);
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.SPINE_DATA_DIR),
    embeddedPostgresPort: e.SPINE_PG_PORT,
    adminToken: e.SPINE_ADMIN_TOKEN,
    auth: {
      sessionTtlHours: e.SPINE_SESSION_TTL_HOURS,
      rateLimitPerMinute: e.SPINE_RATE_LIMIT_PER_MINUTE,
      trackingRateLimitPerMinute: e.SPINE_TRACKING_RATE_LIMIT_PER_MINUTE,
      corsOrigins: commaList(e.SPINE_CORS_ORIGINS ?? ''),
    },
    logLevel: e.LOG_LEVEL,
    consoleDir: path.resolve(e.SPINE_CONSOLE_DIR),
    identity: {
      defaultPhoneRegion: e.SPINE_DEFAULT_PHONE_REGION.toUpperCase(),
      autoMerge: e.SPINE_AUTO_MERGE,
      blockedValues: e.SPINE_BLOCKED_VALUES?.split(',').map((value) => value.trim()).filter(Boolean),
      hubThreshold: e.SPINE_HUB_THRESHOLD,
    },
    maxPageSize: e.SPINE_MAX_PAGE_SIZE,
    value: {
      purchaseEvents: commaList(e.SPINE_PURCHASE_EVENTS),
      amountProperties: commaList(e.SPINE_PURCHASE_AMOUNT_PROPERTIES),
      currency: e.SPINE_CURRENCY,
      currencyRates: e.SPINE_CURRENCY_RATES ?? {},
      timeUnit: e.SPINE_LTV_TIME_UNIT,
      horizon: e.SPINE_LTV_HORIZON,
      period: e.SPINE_LTV_PERIOD,
      discountRate: e.SPINE_LTV_DISCOUNT_RATE,
      recomputeIntervalMinutes: e.SPINE_LTV_RECOMPUTE_INTERVAL_MINUTES,
    },
    segments: { refreshIntervalMinutes: e.SPINE_SEGMENT_REFRESH_INTERVAL_MINUTES },
    consent: { categories: e.SPINE_CONSENT_CATEGORIES ?? new Map() },
    queueFlushSeconds: e.SPINE_QUEUE_FLUSH_SECONDS,
    ...overrides,
  };
}

// The codes ICU knows: current ISO 4217 currencies. Catches typos ("EUD", "EURO") at start rather
// than leaving every purchase in that currency skipped.
const ISO_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** " eur " → "EUR"; anything but a known ISO 4217 code is an issue on `ctx`. */
function currencyCode(value: string, ctx: z.RefinementCtx): string | null {
  const code = value.trim().toUpperCase();
  if (ISO_CURRENCIES.has(code)) return code;
  ctx.addIssue({ code: 'custom', message: `"${value}" is not an ISO 4217 currency code (USD, EUR, JPY, ...)` });
  return null;
}

/** '{"EUR": 1.08, "jpy": 0.0067}' → { EUR: 1.08, JPY: 0.0067 }: codes checked, rates positive and finite. */
function currencyRates(value: string, ctx: z.RefinementCtx): Record<string, number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not JSON: write an object of rates, e.g. {"EUR": 1.08, "JPY": 0.0067}' });
    return z.NEVER;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object of rates, e.g. {"EUR": 1.08, "JPY": 0.0067}' });
    return z.NEVER;
  }
  const rates: Record<string, number> = {};
  for (const [key, rate] of Object.entries(parsed)) {
    const code = currencyCode(key, ctx);
    if (code === null) continue;
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) {
      ctx.addIssue({ code: 'custom', message: `${code}: the rate must be a positive number (units of SPINE_CURRENCY one ${code} is worth), got ${JSON.stringify(rate)}` });
    } else if (code in rates) {
      ctx.addIssue({ code: 'custom', message: `${code} is given twice` });
    } else rates[code] = rate;
  }
  return rates;
}

/** SPINE_CONSENT_CATEGORIES: each problem (a malformed pair, an unknown purpose) is an issue on `ctx`. */
function consentCategories(value: string, ctx: z.RefinementCtx): ConsentCategories {
  const { categories, problems } = parseConsentCategories(value);
  for (const message of problems) ctx.addIssue({ code: 'custom', message });
  return categories;
}

function commaList(value: string): string[] {
  return value.split(',').map((item) => item.trim()).filter(Boolean);
}
