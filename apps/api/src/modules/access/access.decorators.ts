// Every field of the schema carries an explicit access rule in its GraphQL extensions, so that the
// rule is visible on the built schema: access.enforcer.ts applies it to every resolver, and a test
// enumerates the schema and fails on any field without one. Object types may give one rule for
// all their fields; Query and Mutation fields must each have their own.
import { Extensions } from 'type-graphql';
import type { Permission } from './roles.js';
import type { MaskKind } from './masking.js';

export type AccessRule = { public: true } | { signedIn: true } | { anyOf: Permission[] };

/** Anyone, signed in or not (sign-in itself, the current viewer). */
export const Public = () => Extensions({ access: { public: true } satisfies AccessRule });

/** Any valid credential, whatever its permissions (results of the caller's own writes). */
export const SignedIn = () => Extensions({ access: { signedIn: true } satisfies AccessRule });

/** A credential holding at least one of these permissions. */
export const Allow = (...anyOf: Permission[]) => Extensions({ access: { anyOf } satisfies AccessRule });

/** Personal data: served as is only to credentials with `pii:read`, masked for everyone else. */
export const Pii = (mask: MaskKind) => Extensions({ pii: mask });
