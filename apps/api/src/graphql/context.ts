// The per-request GraphQL context: loaders are created fresh for every request so that nothing
// cached leaks between requests or users.
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createPersonLoader } from '../modules/persons/person.loaders.js';
import { createIdentitiesByPersonLoader, createLinksByIdentityLoader } from '../modules/identity/identity.loaders.js';
import { createEventPageLoader } from '../modules/events/event.loaders.js';
import { createTraitsByPersonLoader } from '../modules/traits/trait.loaders.js';
import { createConsentHistoryLoader, createConsentsByPersonLoader } from '../modules/consents/consent.loaders.js';
import { createSegmentsByPersonLoader } from '../modules/segments/segment.loaders.js';
import { createSegmentHistoryByPersonLoader } from '../modules/segments/segment-membership.loaders.js';
import { createEngagementLoader, createLatestModelLoader, createLifetimeValueLoader, createPurchasesByPersonLoader } from '../modules/value/value.loaders.js';
import { createMergeHistoryLoader, createPendingRecordsLoader } from '../modules/review/merge.loaders.js';
import { createNotesByPersonLoader } from '../modules/notes/note.loaders.js';
import type { Request, Response } from 'express';
import type { Services } from '../services.js';
import type { Principal } from '../modules/access/principal.js';

export function createLoaders(db: DataSource, config: Pick<Config, 'value'>) {
  return {
    person: createPersonLoader(db),
    identitiesByPerson: createIdentitiesByPersonLoader(db),
    linksByIdentity: createLinksByIdentityLoader(db),
    eventPage: createEventPageLoader(db),
    traitsByPerson: createTraitsByPersonLoader(db),
    consentsByPerson: createConsentsByPersonLoader(db),
    consentHistory: createConsentHistoryLoader(db),
    segmentsByPerson: createSegmentsByPersonLoader(db),
    segmentHistoryByPerson: createSegmentHistoryByPersonLoader(db),
    lifetimeValue: createLifetimeValueLoader(db, config.value.currency),
    engagement: createEngagementLoader(db),
    purchasesByPerson: createPurchasesByPersonLoader(db),
    latestLifetimeValueModel: createLatestModelLoader(db),
    mergeHistory: createMergeHistoryLoader(db),
    pendingRecordsByCandidate: createPendingRecordsLoader(db),
    notesByPerson: createNotesByPersonLoader(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface Context {
  db: DataSource;
  config: Config;
  logger: Logger;
  services: Services;
  loaders: Loaders;
  /** Who is calling and what they may do (http/authenticate.middleware.ts). */
  principal: Principal;
  /** Who is acting, for audit trails: "staff:<email>", "api-key:<name>", "admin-token" (the principal's actor). */
  actor: string;
  /** The session token of this request, for sign-out. */
  sessionToken: string | null;
  /** The HTTP exchange, when the request came over HTTP (sign-in sets its cookie on the response). */
  http?: { request: Request; response: Response };
}
