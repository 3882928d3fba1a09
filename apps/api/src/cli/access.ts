// `spine users ...`, `spine keys ...` and `spine privacy export`: staff accounts, API keys and data
// subject access from the command line (for the first administrator and for scripts). Every change
// is written to the audit log as actor `cli:<os user>`.
import fs from 'node:fs';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { withRuntime as withCommandRuntime, type CommandRuntime } from './with-runtime.js';
import { StaffUserError } from '../modules/access/staff-users.service.js';
import { ApiKeyError } from '../modules/access/api-keys.service.js';
import { AuditAction } from '../modules/access/audit.service.js';
import { Role } from '../modules/access/roles.js';

const actor = () => `cli:${os.userInfo().username}`;

function readStdin(): string {
  return fs.readFileSync(0, 'utf8').replace(/\r?\n$/, '');
}

const withRuntime = <T>(work: (runtime: CommandRuntime) => Promise<T>) => withCommandRuntime(work, [StaffUserError, ApiKeyError]);

export function parseRole(value: string): Role {
  const role = value.toUpperCase() as Role;
  if (!Object.values(Role).includes(role)) throw new Error(`Unknown role ${value}: ${Object.values(Role).join(', ')}`);
  return role;
}

export function createUser(email: string, options: { role: string; name?: string; passwordStdin?: boolean; json?: boolean }): Promise<void> {
  const role = parseRole(options.role);
  const generated = options.passwordStdin ? null : randomBytes(12).toString('base64url');
  const password = generated ?? readStdin();
  return withRuntime(async ({ db, services }) => {
    const user = await services.staffUsers.create(db, { email, name: options.name, role, password }, actor());
    await services.audit.record(db, { actor: actor(), action: AuditAction.CREATE_STAFF_USER, subjectId: user.id, details: { email: user.email, role } });
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ id: user.id, email: user.email, role: user.role, ...(generated ? { password: generated } : {}) })}\n`);
      return;
    }
    process.stdout.write(`Created ${user.role} ${user.email}.\n${generated ? `Password (shown once; they can change it after signing in): ${generated}\n` : ''}`);
  });
}

export function listUsers(options: { json?: boolean }): Promise<void> {
  return withRuntime(async ({ db, services }) => {
    const users = await services.staffUsers.list(db);
    if (options.json) return void process.stdout.write(`${JSON.stringify(users)}\n`);
    if (!users.length) process.stdout.write('No staff users yet: spine users create EMAIL --role ADMIN\n');
    for (const user of users) {
      process.stdout.write(`${user.email}\t${user.role}\t${user.disabled_at ? 'disabled' : 'active'}\tlast sign-in ${user.last_sign_in_at?.toISOString() ?? 'never'}\n`);
    }
  });
}

export function updateUser(email: string, options: { role?: string; disable?: boolean; enable?: boolean; passwordStdin?: boolean }): Promise<void> {
  return withRuntime(async ({ db, services }) => {
    const found = (await services.staffUsers.list(db)).find((user) => user.email === email.trim().toLowerCase());
    if (!found) throw new Error(`No staff user ${email}`);
    if (options.passwordStdin) await services.staffUsers.setPassword(db, found.id, readStdin());
    const user = await services.staffUsers.update(db, found.id, {
      role: options.role ? parseRole(options.role) : null,
      disabled: options.disable ? true : options.enable ? false : null,
    });
    await services.auth.endSessionsOf(db, found.id);
    await services.audit.record(db, { actor: actor(), action: AuditAction.UPDATE_STAFF_USER, subjectId: user.id, details: { role: options.role, disabled: options.disable ?? (options.enable ? false : undefined), passwordChanged: Boolean(options.passwordStdin) } });
    process.stdout.write(`${user.email}: ${user.role}, ${user.disabled_at ? 'disabled' : 'active'}; their sessions were ended.\n`);
  });
}

export function createKey(name: string, options: { scope: string[]; source?: string; json?: boolean }): Promise<void> {
  return withRuntime(async ({ db, services }) => {
    const { key, token } = await services.apiKeys.create(db, { name, scopes: options.scope, source: options.source }, actor());
    await services.audit.record(db, { actor: actor(), action: AuditAction.CREATE_API_KEY, subjectId: key.id, details: { name: key.name, scopes: key.scopes, source: key.source_name } });
    if (options.json) return void process.stdout.write(`${JSON.stringify({ id: key.id, name: key.name, scopes: key.scopes, source: key.source_name, token })}\n`);
    process.stdout.write(
      `Created API key "${key.name}" (${key.scopes.join(', ')}${key.source_name ? `, sends as source ${key.source_name}` : ''}), id ${key.id}.\n` +
        `Key (shown once, store it now): ${token}\nUse it as: Authorization: Bearer ${token}\n`,
    );
  });
}

export function listKeys(options: { json?: boolean }): Promise<void> {
  return withRuntime(async ({ db, services }) => {
    const keys = await services.apiKeys.list(db);
    if (options.json) return void process.stdout.write(`${JSON.stringify(keys)}\n`);
    if (!keys.length) process.stdout.write('No API keys yet: spine keys create NAME --scope graph:read\n');
    for (const key of keys) {
      process.stdout.write(
        `${key.id}\t${key.name}\t${key.key_prefix}…\t${key.scopes.join(',')}${key.source_name ? `\tsource=${key.source_name}` : ''}\tlast used ${key.last_used_at?.toISOString() ?? 'never'}${key.revoked_at ? `\trevoked=${key.revoked_at.toISOString()}` : ''}\n`,
      );
    }
  });
}

export function revokeKey(id: string): Promise<void> {
  return withRuntime(async ({ db, services }) => {
    const key = await services.apiKeys.revoke(db, id);
    await services.audit.record(db, { actor: actor(), action: AuditAction.REVOKE_API_KEY, subjectId: key.id, details: { name: key.name } });
    process.stdout.write(`Revoked "${key.name}"; running servers stop accepting it within 5 seconds.\n`);
  });
}

export function exportPerson(personId: string, options: { out?: string; reason?: string }): Promise<void> {
  return withRuntime(async ({ db, services }) => {
    const { personId: liveId, document } = await services.personExport.export(db, personId);
    await services.audit.record(db, { actor: actor(), action: AuditAction.EXPORT_PERSON, personId: liveId, reason: options.reason ?? null });
    const json = `${JSON.stringify(document, null, 2)}\n`;
    if (options.out) {
      fs.writeFileSync(options.out, json, { mode: 0o600 });
      process.stderr.write(`Wrote everything held on ${liveId} to ${options.out}\n`);
    } else process.stdout.write(json);
  });
}
