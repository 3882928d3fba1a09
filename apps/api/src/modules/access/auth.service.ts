// Who is calling: the admin token, a staff session or an API key, resolved from a bearer token.
// Staff sign in with e-mail and password; repeated failures for one e-mail are throttled.
import { one, type Db } from '../../database/sql.js';
import { DUMMY_PASSWORD_HASH, newToken, sameSecret, tokenHash, verifyPassword } from './secrets.js';
import { adminTokenPrincipal, apiKeyPrincipal, staffPrincipal, type Principal } from './principal.js';
import type { Permission, Role } from './roles.js';
import { STAFF_USER_COLUMNS, type StaffUserRow } from './staff-user.row.js';

/** How long a resolved credential is remembered in this process; sign-out and revocation clear it at once. */
const CACHE_MS = 5_000;
const FAILURE_WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 5;

export class AuthError extends Error {
  constructor(
    readonly code: 'INVALID_CREDENTIALS' | 'TOO_MANY_ATTEMPTS',
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export class AuthService {
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(private readonly options: { adminToken: string | undefined; sessionTtlHours: number }) {}

  /** The principal behind a bearer token, or null when the token is not (or no longer) valid. */
  async authenticate(db: Db, token: string): Promise<Principal | null> {
    if (!token || token.length > 500) return null;
    if (this.options.adminToken && sameSecret(token, this.options.adminToken)) return adminTokenPrincipal();
    const hash = tokenHash(token);
    const key = hash.toString('hex');
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.principal;
    let principal: Principal | null = null;
    if (token.startsWith('sps_')) {
      const user = await one<StaffUserRow>(
        db,
        `SELECT ${STAFF_USER_COLUMNS.split(', ').map((column) => `u.${column}`).join(', ')}
         FROM staff_session s JOIN staff_user u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
        [hash],
      );
      principal = user ? staffPrincipal({ id: user.id, email: user.email, role: user.role }) : null;
    } else if (token.startsWith('spa_')) {
      const apiKey = await one<{ id: string; name: string; scopes: Permission[]; source_id: string | null; provider: string | null }>(
        db,
        `UPDATE api_key k SET last_used_at = now()
         WHERE k.key_hash = $1 AND k.revoked_at IS NULL
         RETURNING k.id, k.name, k.scopes, k.source_id,
           (SELECT s.provider FROM source s WHERE s.id = k.source_id AND s.revoked_at IS NULL) AS provider`,
        [hash],
      );
      // A key bound to a source dies with its source.
      const usable = apiKey && (apiKey.source_id === null || apiKey.provider !== null);
      principal = usable ? apiKeyPrincipal({ id: apiKey.id, name: apiKey.name, scopes: apiKey.scopes, sourceProvider: apiKey.provider }) : null;
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { principal, until: Date.now() + CACHE_MS });
    return principal;
  }

  /** Forget every remembered credential (after a sign-out, a revocation or a role change). */
  forgetCredentials(): void {
    this.cache.clear();
  }

  async signIn(db: Db, emailInput: string, password: string): Promise<{ token: string; user: StaffUserRow; expiresAt: Date }> {
    const email = emailInput.trim().toLowerCase();
    const failure = this.failures.get(email);
    if (failure && Date.now() - failure.since < FAILURE_WINDOW_MS && failure.count >= MAX_FAILURES) {
      const retryAfterSeconds = Math.ceil((failure.since + FAILURE_WINDOW_MS - Date.now()) / 1000);
      throw new AuthError('TOO_MANY_ATTEMPTS', `Too many failed sign-ins for this account; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`, retryAfterSeconds);
    }
    const user = await one<StaffUserRow & { password_hash: string }>(db, `SELECT ${STAFF_USER_COLUMNS}, password_hash FROM staff_user WHERE email = $1`, [email]);
    // The same scrypt work whether or not the account exists, so timing reveals nothing.
    const valid = await verifyPassword(password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
    if (!user || !valid || user.disabled_at) {
      const current = failure && Date.now() - failure.since < FAILURE_WINDOW_MS ? failure : { count: 0, since: Date.now() };
      current.count += 1;
      this.failures.set(email, current);
      if (this.failures.size > 100_000) this.failures.clear();
      throw new AuthError('INVALID_CREDENTIALS', 'Wrong e-mail or password.');
    }
    this.failures.delete(email);
    const token = newToken('sps');
    const session = await one<{ expires_at: Date }>(
      db,
      `WITH signed_in AS (UPDATE staff_user SET last_sign_in_at = now() WHERE id = $2)
       INSERT INTO staff_session (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3)) RETURNING expires_at`,
      [tokenHash(token), user.id, this.options.sessionTtlHours],
    );
    const { password_hash: _hash, ...row } = user;
    return { token, user: row, expiresAt: session!.expires_at };
  }

  async checkPassword(db: Db, userId: string, password: string): Promise<boolean> {
    const user = await one<{ password_hash: string }>(db, 'SELECT password_hash FROM staff_user WHERE id = $1 AND disabled_at IS NULL', [userId]);
    return verifyPassword(password, user?.password_hash ?? DUMMY_PASSWORD_HASH).then((valid) => valid && Boolean(user));
  }

  async signOut(db: Db, token: string): Promise<boolean> {
    const ended = await one<{ user_id: string }>(db, 'UPDATE staff_session SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL RETURNING user_id', [tokenHash(token)]);
    this.forgetCredentials();
    return Boolean(ended);
  }

  /** Ends every session of a user (disabled, role changed, password changed). */
  async endSessionsOf(db: Db, userId: string): Promise<void> {
    await db.query('UPDATE staff_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
    this.forgetCredentials();
  }
}

export type { Role };
