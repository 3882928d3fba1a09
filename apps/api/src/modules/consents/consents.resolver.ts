import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { requireUuid } from '../../graphql/pagination.js';
import { Consent, ConsentChange } from './consent.type.js';
import { ConsentInput } from './inputs/consent.input.js';
import { Allow, SignedIn } from '../access/access.decorators.js';
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

@Resolver(() => Consent)
export class ConsentHistoryResolver {
  @SignedIn()
  @FieldResolver(() => [ConsentChange], { description: 'Every grant and revocation of this purpose, newest first (the current state is the newest one).' })
  history(@Root() consent: Consent, @Ctx() ctx: Context): Promise<ConsentChange[]> {
    return ctx.loaders.consentHistory.load(`${consent.personId}|${consent.purpose}`);
  }
}
