import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { requireUuid } from '../../graphql/pagination.js';
import { Trait } from './trait.type.js';
import { TraitInput } from './inputs/trait.input.js';
import { Allow } from '../access/access.decorators.js';
import { bindToSource } from '../access/source-binding.js';
import { Permission } from '../access/roles.js';

@Resolver()
export class TraitsResolver {
  @Allow(Permission.INGEST_WRITE, Permission.PROFILE_WRITE)
  @Mutation(() => [Trait], { description: 'Set traits of a person: the newest observation wins; setOnce keeps an existing value. Returns the live traits of the keys given.' })
  setTraits(@Arg('personId', () => ID) personId: string, @Arg('traits', () => [TraitInput]) traits: TraitInput[], @Ctx() ctx: Context): Promise<Trait[]> {
    bindToSource(ctx.principal, traits, (trait) => trait.source, (trait, provider) => (trait.source = provider));
    return ctx.services.traits.set(ctx.db, requireUuid(personId, 'Person id'), traits);
  }
}
