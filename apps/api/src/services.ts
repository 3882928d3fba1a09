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

export function createServices(config: Config) {
  const phone = { defaultPhoneRegion: config.identity.defaultPhoneRegion };
  const identityLookup = new IdentityLookupService(phone);
  const merges = new MergeService();
  return {
    persons: new PersonsService(phone),
    identityLookup,
    identity: new IdentityService(identityLookup),
    identityIngest: new IdentityIngestService(config.identity, merges),
    merges,
    review: new ReviewService(merges, { defaultRegion: config.identity.defaultPhoneRegion }),
    lifetimeValue: new LifetimeValueService({
      purchases: { events: config.value.purchaseEvents, amountProperties: config.value.amountProperties },
      timeUnit: config.value.timeUnit,
      horizon: config.value.horizon,
      period: config.value.period,
      discountRate: config.value.discountRate,
    }),
    purchaseImport: new PurchaseImportService(),
  };
}

export type Services = ReturnType<typeof createServices>;
