// Staff accounts: created by an administrator (or the admin token, for the first one), with a role.
import { z } from 'zod';
import { one, rows, type Db } from '../../database/sql.js';
import { hashPassword } from './secrets.js';
import { Role } from './roles.js';
import { STAFF_USER_COLUMNS, type StaffUserRow } from './staff-user.row.js';

export class StaffUserError extends Error {}

const emailSchema = z.string().trim().toLowerCase().email('is not an e-mail address').max(320);
/** Long enough to resist guessing; no composition rules (NIST SP 800-63B). */
const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters');

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StaffUserError(`${what} ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
  return parsed.data;
}

export class StaffUsersService {
  async create(db: Db, input: { email: string; name?: string | null; role: Role; password: string }, actor: string): Promise<StaffUserRow> {
    const email = parse(emailSchema, input.email, 'E-mail');
    const password = parse(passwordSchema, input.password, 'Password');
    if (!Object.values(Role).includes(input.role)) throw new StaffUserError(`Unknown role ${input.role}`);
    const user = await one<StaffUserRow>(
      db,
      `INSERT INTO staff_user (email, name, role, password_hash, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (email) DO NOTHING RETURNING ${STAFF_USER_COLUMNS}`,
      [email, input.name?.trim() || null, input.role, await hashPassword(password), actor],
    );
    if (!user) throw new StaffUserError(`A staff user with e-mail ${email} already exists`);
    return user;
  }

  /** Creates the account, or sets its role and password when it exists (the demo seed, scripted setups). */
  async upsert(db: Db, input: { email: string; name?: string | null; role: Role; password: string }, actor: string): Promise<StaffUserRow> {
    const email = parse(emailSchema, input.email, 'E-mail');
    const user = await one<StaffUserRow>(
      db,
      `INSERT INTO staff_user (email, name, role, password_hash, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (email) DO UPDATE SET name = excluded.name, role = excluded.role, password_hash = excluded.password_hash, disabled_at = NULL
       RETURNING ${STAFF_USER_COLUMNS}`,
      [email, input.name?.trim() || null, input.role, await hashPassword(parse(passwordSchema, input.password, 'Password')), actor],
    );
    return user!;
  }

  list(db: Db): Promise<StaffUserRow[]> {
    return rows<StaffUserRow>(db, `SELECT ${STAFF_USER_COLUMNS} FROM staff_user ORDER BY email`);
  }

  async update(db: Db, id: string, change: { role?: Role | null; disabled?: boolean | null; name?: string | null }): Promise<StaffUserRow> {
    const user = await one<StaffUserRow>(
      db,
      `UPDATE staff_user SET
         role = coalesce($2, role),
         name = CASE WHEN $3::text IS NULL THEN name ELSE nullif(trim($3), '') END,
         disabled_at = CASE WHEN $4::boolean IS NULL THEN disabled_at WHEN $4 THEN coalesce(disabled_at, now()) ELSE NULL END
       WHERE id = $1 RETURNING ${STAFF_USER_COLUMNS}`,
      [id, change.role ?? null, change.name ?? null, change.disabled ?? null],
    );
    if (!user) throw new StaffUserError(`No staff user with id ${id}`);
    return user;
  }

  async setPassword(db: Db, id: string, password: string): Promise<void> {
    const hash = await hashPassword(parse(passwordSchema, password, 'Password'));
    const user = await one<{ id: string }>(db, 'UPDATE staff_user SET password_hash = $2 WHERE id = $1 RETURNING id', [id, hash]);
    if (!user) throw new StaffUserError(`No staff user with id ${id}`);
  }
}
