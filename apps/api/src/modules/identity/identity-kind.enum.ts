import { registerEnumType } from 'type-graphql';
import type { IdentityKind as CoreIdentityKind } from '@spine/identity-core';

export enum IdentityKind {
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
  EXTERNAL_ID = 'EXTERNAL_ID',
  ADDRESS_HASH = 'ADDRESS_HASH',
  ANONYMOUS_ID = 'ANONYMOUS_ID',
  DEVICE_ID = 'DEVICE_ID',
}
registerEnumType(IdentityKind, { name: 'IdentityKind' });

// Compile-time check that the API and the domain package agree on the kinds.
const _sameKinds: Record<CoreIdentityKind, IdentityKind> = IdentityKind;
void _sameKinds;
