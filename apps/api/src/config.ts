// The only module that reads process.env. Every setting is documented in README.md.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SPINE_CONSOLE_DIR: z.string().default(path.join(repoRoot, 'apps/console/dist')),
  SPINE_DEFAULT_PHONE_REGION: z.string().length(2).default('US'),
  SPINE_AUTO_MERGE: booleanFromEnv.default(true),
  SPINE_BLOCKED_VALUES: z.string().optional(),
  SPINE_HUB_THRESHOLD: z.coerce.number().int().min(2).default(3),
  SPINE_MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(10000).default(500),
});

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPostgresPort: number;
  adminToken: string | undefined;
  logLevel: string;
  consoleDir: string;
  identity: {
    defaultPhoneRegion: string;
    autoMerge: boolean;
    blockedValues: string[] | undefined;
    hubThreshold: number;
  };
  maxPageSize: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.SPINE_DATA_DIR),
    embeddedPostgresPort: e.SPINE_PG_PORT,
    adminToken: e.SPINE_ADMIN_TOKEN,
    logLevel: e.LOG_LEVEL,
    consoleDir: path.resolve(e.SPINE_CONSOLE_DIR),
    identity: {
      defaultPhoneRegion: e.SPINE_DEFAULT_PHONE_REGION.toUpperCase(),
      autoMerge: e.SPINE_AUTO_MERGE,
      blockedValues: e.SPINE_BLOCKED_VALUES?.split(',').map((value) => value.trim()).filter(Boolean),
      hubThreshold: e.SPINE_HUB_THRESHOLD,
    },
    maxPageSize: e.SPINE_MAX_PAGE_SIZE,
    ...overrides,
  };
}
