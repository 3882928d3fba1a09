// The credential behind a request, resolved once per request (authenticate.middleware.ts).
import type { Permission, Role } from './roles.js';
import { ALL_PERMISSIONS, ROLE_PERMISSIONS } from './roles.js';

export interface Principal {
  kind: 'anonymous' | 'admin-token' | 'staff' | 'api-key';
  /** Stable id for rate limits and the audit log: the user's or key's id. */
  id: string;
  /** How the audit log names the actor: `staff:<email>`, `api-key:<name>`, `admin-token`, `anonymous`. */
  actor: string;
  role: Role | null;
  permissions: ReadonlySet<Permission>;
  /** An ingestion key bound to one source sends data as that source's provider only. */
  sourceProvider: string | null;
  userId: string | null;
}

export const anonymousPrincipal: Principal = Object.freeze({
  kind: 'anonymous',
  id: 'anonymous',
  actor: 'anonymous',
  role: null,
  permissions: new Set<Permission>(),
  sourceProvider: null,
  userId: null,
});

export function adminTokenPrincipal(): Principal {
  return { kind: 'admin-token', id: 'admin-token', actor: 'admin-token', role: null, permissions: new Set(ALL_PERMISSIONS), sourceProvider: null, userId: null };
}

export function staffPrincipal(user: { id: string; email: string; role: Role }): Principal {
  return { kind: 'staff', id: `staff:${user.id}`, actor: `staff:${user.email}`, role: user.role, permissions: new Set(ROLE_PERMISSIONS[user.role]), sourceProvider: null, userId: user.id };
}

export function apiKeyPrincipal(key: { id: string; name: string; scopes: Permission[]; sourceProvider: string | null }): Principal {
  return { kind: 'api-key', id: `api-key:${key.id}`, actor: `api-key:${key.name}`, role: null, permissions: new Set(key.scopes), sourceProvider: key.sourceProvider, userId: null };
}
