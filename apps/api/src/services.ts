// Stateless domain services, created once per process and shared by GraphQL, HTTP routes and the CLI.
import type { Config } from './config.js';
import { PersonsService } from './modules/persons/persons.service.js';
import { IdentityLookupService } from './modules/identity/identity-lookup.service.js';

export function createServices(config: Config) {
  const phone = { defaultPhoneRegion: config.identity.defaultPhoneRegion };
  return {
    persons: new PersonsService(phone),
    identityLookup: new IdentityLookupService(phone),
  };
}

export type Services = ReturnType<typeof createServices>;
