// Stateless domain services, created once per process and shared by GraphQL, HTTP routes and the CLI.
import type { Config } from './config.js';
import { PersonsService } from './modules/persons/persons.service.js';
import { IdentityLookupService } from './modules/identity/identity-lookup.service.js';
import { IdentityService } from './modules/identity/identity.service.js';
import { IdentityIngestService } from './modules/identity/identity-ingest.service.js';
import { MergeService } from './modules/review/merge.service.js';
import { ReviewService } from './modules/review/review.service.js';
import { LifetimeValueService } from './modules/value/lifetime-value.service.js';
import { PurchaseImportService } from './modules/value/purchase-import.service.js';
import { SegmentsService } from './modules/segments/segments.service.js';
import { SourceService } from './modules/sources/source.service.js';
import { TraitService } from './modules/traits/trait.service.js';
import { ConsentService } from './modules/consents/consent.service.js';
import { EventIngestService } from './modules/events/event-ingest.service.js';
import { EventTrackService } from './modules/events/event-track.service.js';
import { SuppressionService } from './modules/privacy/suppression.service.js';
import { ErasureService } from './modules/privacy/erasure.service.js';
import { NotesService } from './modules/notes/notes.service.js';
import { AuthService } from './modules/access/auth.service.js';
import { StaffUsersService } from './modules/access/staff-users.service.js';
import { ApiKeysService } from './modules/access/api-keys.service.js';
import { AuditService } from './modules/access/audit.service.js';
import { ExportService } from './modules/privacy/export.service.js';

export function createServices(config: Config) {
  const phone = { defaultPhoneRegion: config.identity.defaultPhoneRegion };
  const identityLookup = new IdentityLookupService(phone);
  const merges = new MergeService();
  const traits = new TraitService();
  const suppression = new SuppressionService();
  const identityIngest = new IdentityIngestService(config.identity, merges, traits, suppression);
  const consents = new ConsentService();
  const events = new EventIngestService(identityIngest, traits, merges, consents, suppression, { autoMerge: config.identity.autoMerge, consentCategories: config.consent.categories });
  const lifetimeValue = new LifetimeValueService({
    purchases: { events: config.value.purchaseEvents, amountProperties: config.value.amountProperties, currency: config.value.currency, currencyRates: config.value.currencyRates },
    timeUnit: config.value.timeUnit,
    horizon: config.value.horizon,
    period: config.value.period,
    discountRate: config.value.discountRate,
  });
  // A merge or unmerge that moves purchases gives the persons their lifetime values again at once
  // (the 360's header would otherwise disagree with its purchases until the scheduled recompute).
  merges.onPurchasesMoved = (tx, personIds) => lifetimeValue.rescorePersons(tx, personIds);
  return {
    persons: new PersonsService(phone),
    identityLookup,
    identity: new IdentityService(identityLookup),
    identityIngest,
    merges,
    review: new ReviewService(merges, { defaultRegion: config.identity.defaultPhoneRegion }),
    lifetimeValue,
    purchaseImport: new PurchaseImportService(),
    segments: new SegmentsService(identityLookup),
    sources: new SourceService(),
    traits,
    consents,
    events,
    eventTracking: new EventTrackService(events),
    suppression,
    notes: new NotesService(),
    auth: new AuthService({ adminToken: config.adminToken, sessionTtlHours: config.auth.sessionTtlHours }),
    staffUsers: new StaffUsersService(),
    apiKeys: new ApiKeysService(),
    audit: new AuditService(),
    personExport: new ExportService(),
    /** Set by `spine serve` when it created the demo staff accounts: shown on the console's sign-in page. */
    demo: { signInHint: null as string | null },
    erasure: new ErasureService(suppression, { defaultRegion: config.identity.defaultPhoneRegion }),
  };
}

export type Services = ReturnType<typeof createServices>;
