import type { Principal } from './principal.js';
import type { StaffUserRow } from './staff-user.row.js';
import type { ApiKeyRow } from './api-keys.service.js';
import type { AuditEntryRow } from './audit.service.js';
import type { ApiKey, AuditEntry, StaffUser, Viewer } from './access.types.js';

export function toViewer(principal: Principal, user?: Pick<StaffUserRow, 'email' | 'name'> | null): Viewer {
  return {
    kind: principal.kind,
    actor: principal.actor,
    role: principal.role,
    permissions: [...principal.permissions].sort(),
    email: user?.email ?? null,
    name: user?.name ?? null,
  };
}

export function toStaffUser(row: StaffUserRow): StaffUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at,
    createdBy: row.created_by,
    lastSignInAt: row.last_sign_in_at,
  };
}

export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.key_prefix,
    scopes: row.scopes,
    source: row.source_name,
    createdAt: row.created_at,
    createdBy: row.created_by,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

export function toAuditEntry(row: AuditEntryRow): AuditEntry {
  return { id: row.id, at: row.at, actor: row.actor, action: row.action, personId: row.person_id, subjectId: row.subject_id, reason: row.reason, details: row.details };
}
