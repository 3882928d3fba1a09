import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { requireUuid } from '../../graphql/pagination.js';
import { Trait } from './trait.type.js';
import { TraitInput } from './inputs/trait.input.js';

@Resolver()
export class TraitsResolver {
  @Mutation(() => [Trait], { description: 'Set traits of a person: the newest observation wins; setOnce keeps an existing value. Returns the live traits of the keys given.' })
  setTraits(@Arg('personId', () => ID) personId: string, @Arg('traits', () => [TraitInput]) traits: TraitInput[], @Ctx() ctx: Context): Promise<Trait[]> {
    return ctx.services.traits.set(ctx.db, requireUuid(personId, 'Person id'), traits);
  }
}
