// Demo staff accounts, one per role, so that the quick start's console can be signed in to at once.
// Only with demo data, never in production, and only while no staff user exists at all: the first
// real account is created with `spine users create` or SPINE_ADMIN_TOKEN.
import type { Runtime } from '../runtime.js';
import { Role } from '../modules/access/roles.js';

export const DEMO_PASSWORD = 'spine-demo-2026';
export const DEMO_ACCOUNTS = [
  { email: 'admin@example.com', name: 'Ada Admin', role: Role.ADMIN },
  { email: 'support@example.com', name: 'Sam Support', role: Role.SUPPORT },
  { email: 'marketer@example.com', name: 'Mia Marketer', role: Role.MARKETER },
  { email: 'viewer@example.com', name: 'Vic Viewer', role: Role.VIEWER },
] as const;

/** Creates the demo accounts when there are no staff users; returns the sign-in hint, or null. */
export async function seedDemoStaff(runtime: Pick<Runtime, 'db' | 'logger' | 'services' | 'config'>): Promise<string | null> {
  const { db, logger, services, config } = runtime;
  if (config.nodeEnv === 'production') return null;
  const [{ count }] = (await db.query('SELECT count(*) AS count FROM staff_user')) as { count: string }[];
  const demo = (await db.query('SELECT count(*) AS count FROM staff_user WHERE email = ANY($1)', [DEMO_ACCOUNTS.map((account) => account.email)])) as { count: string }[];
  if (Number(count) === 0) {
    for (const account of DEMO_ACCOUNTS) await services.staffUsers.create(db, { ...account, password: DEMO_PASSWORD }, 'demo-seed');
    logger.info({ accounts: DEMO_ACCOUNTS.map((account) => `${account.email} (${account.role})`), password: DEMO_PASSWORD }, 'demo staff accounts created');
  } else if (Number(demo[0].count) === 0) return null;
  return `Demo accounts: ${DEMO_ACCOUNTS.map((account) => account.email).join(', ')}; password ${DEMO_PASSWORD}`;
}
