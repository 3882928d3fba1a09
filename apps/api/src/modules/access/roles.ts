// Who may do what. Rules in the schema name permissions; roles and API-key scopes are sets of
// permissions, so the matrix below is the whole policy in one place.
import { registerEnumType } from 'type-graphql';

export enum Role {
  ADMIN = 'ADMIN',
  SUPPORT = 'SUPPORT',
  MARKETER = 'MARKETER',
  VIEWER = 'VIEWER',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'ADMIN: everything, users and keys. SUPPORT: reads PII, decides merges, unmerges. MARKETER: segments, emails and phones masked. VIEWER: read-only, masked.',
});

export const Permission = {
  /** Read the graph (persons, segments, review items, values). */
  GRAPH_READ: 'graph:read',
  /** See emails, phones and other personal values unmasked. */
  PII_READ: 'pii:read',
  /** Send data: ingestIdentities, trackEvents, setTraits, setConsent. */
  INGEST_WRITE: 'ingest:write',
  /** Edit a person's profile by hand: traits, consents, notes. */
  PROFILE_WRITE: 'profile:write',
  /** Link, verify, set primary, merge, unmerge, decide review items. */
  IDENTITY_WRITE: 'identity:write',
  /** Create, change, refresh and delete segments. */
  SEGMENTS_WRITE: 'segments:write',
  /** Fit models and recompute lifetime values. */
  VALUE_WRITE: 'value:write',
  /** Export everything held on a person (data subject access). */
  PRIVACY_EXPORT: 'privacy:export',
  /** Erase a person. */
  PRIVACY_ERASE: 'privacy:erase',
  /** Read the audit log. */
  AUDIT_READ: 'audit:read',
  /** Manage staff users and API keys. */
  ACCESS_MANAGE: 'access:manage',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

export const ALL_PERMISSIONS: readonly Permission[] = Object.values(Permission);

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  [Role.ADMIN]: ALL_PERMISSIONS,
  [Role.SUPPORT]: [Permission.GRAPH_READ, Permission.PII_READ, Permission.PROFILE_WRITE, Permission.IDENTITY_WRITE, Permission.PRIVACY_EXPORT],
  [Role.MARKETER]: [Permission.GRAPH_READ, Permission.SEGMENTS_WRITE],
  [Role.VIEWER]: [Permission.GRAPH_READ],
};

/** What an API key may be given: reading the graph (masked unless pii:read too) and sending data. */
export const API_KEY_SCOPES = [Permission.GRAPH_READ, Permission.PII_READ, Permission.INGEST_WRITE] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
