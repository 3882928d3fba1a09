import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { requireUuid } from '../../graphql/pagination.js';
import { Consent } from './consent.type.js';
import { ConsentInput } from './inputs/consent.input.js';

@Resolver()
export class ConsentsResolver {
  @Mutation(() => Consent, { description: 'Record a consent decision: kept in the history, and the current state of its purpose.' })
  setConsent(@Arg('personId', () => ID) personId: string, @Arg('input', () => ConsentInput) input: ConsentInput, @Ctx() ctx: Context): Promise<Consent> {
    return ctx.services.consents.set(ctx.db, requireUuid(personId, 'Person id'), input, { actor: ctx.actor });
  }
}
