import 'reflect-metadata';
import { PrivacyResolver } from '../modules/privacy/privacy.resolver.js';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { scalarsMap } from './scalars.js';
import { PersonsResolver } from '../modules/persons/persons.resolver.js';
import { IdentityResolver } from '../modules/identity/identity.resolver.js';
import { MergeResolver } from '../modules/review/merge.resolver.js';
import { MergeCandidatesResolver } from '../modules/review/merge-candidates.resolver.js';
import { SegmentsResolver } from '../modules/segments/segments.resolver.js';
import { SegmentMutationsResolver } from '../modules/segments/segment-mutations.resolver.js';
import { PersonSegmentsResolver } from '../modules/segments/person-segments.resolver.js';
import { IdentityMutationsResolver } from '../modules/identity/identity-mutations.resolver.js';
import { MergesResolver } from '../modules/review/merges.resolver.js';
import { LifetimeValueResolver } from '../modules/value/lifetime-value.resolver.js';
import { PersonValueResolver } from '../modules/value/person-value.resolver.js';
import { EventsResolver } from '../modules/events/events.resolver.js';
import { TraitsResolver } from '../modules/traits/traits.resolver.js';
import { ConsentHistoryResolver, ConsentsResolver } from '../modules/consents/consents.resolver.js';
import { NotesResolver } from '../modules/notes/notes.resolver.js';
import { AuthResolver } from '../modules/access/auth.resolver.js';
import { AccessManagementResolver } from '../modules/access/access-management.resolver.js';
import { AuditResolver } from '../modules/access/audit.resolver.js';
import { enforceAccess } from '../modules/access/access.enforcer.js';

export const resolvers = [
  PrivacyResolver,
  PersonsResolver,
  IdentityResolver,
  IdentityMutationsResolver,
  MergeResolver,
  MergesResolver,
  MergeCandidatesResolver,
  SegmentsResolver,
  SegmentMutationsResolver,
  PersonSegmentsResolver,
  LifetimeValueResolver,
  PersonValueResolver,
  EventsResolver,
  TraitsResolver,
  ConsentsResolver,
  ConsentHistoryResolver,
  NotesResolver,
  AuthResolver,
  AccessManagementResolver,
  AuditResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** The schema is the same for every server in a process: build it once. */
export function buildSpineSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    scalarsMap,
    // type-graphql 2 leaves validation off unless asked; inputs are validated at the edge.
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  }).then((schema) => {
    // Every field's access rule, applied to its resolver; a field without one stops start-up.
    enforceAccess(schema);
    return schema;
  });
  return built;
}
