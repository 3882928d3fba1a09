import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { requireUuid } from '../../graphql/pagination.js';
import { Consent } from './consent.type.js';
import { ConsentInput } from './inputs/consent.input.js';
import { Allow } from '../access/access.decorators.js';
import { bindToSource } from '../access/source-binding.js';
import { Permission } from '../access/roles.js';

@Resolver()
export class ConsentsResolver {
  @Allow(Permission.INGEST_WRITE, Permission.PROFILE_WRITE)
  @Mutation(() => Consent, { description: 'Record a consent decision: kept in the history, and the current state of its purpose.' })
  setConsent(@Arg('personId', () => ID) personId: string, @Arg('input', () => ConsentInput) input: ConsentInput, @Ctx() ctx: Context): Promise<Consent> {
    bindToSource(ctx.principal, [input], (consent) => consent.source, (consent, provider) => (consent.source = provider));
    return ctx.services.consents.set(ctx.db, requireUuid(personId, 'Person id'), input, { actor: ctx.actor });
  }
}
