import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Person } from '../persons/person.type.js';
import { toPerson } from '../persons/person.row.js';
import { Identity, IdentityLink } from './identity.type.js';

@Resolver(() => Identity)
export class IdentityResolver {
  @FieldResolver(() => Person, { nullable: true })
  async person(@Root() identity: Identity, @Ctx() ctx: Context): Promise<Person | null> {
    const row = await ctx.loaders.person.load(identity.personId);
    return row ? toPerson(row) : null;
  }

  @FieldResolver(() => [IdentityLink], { description: 'Why is this linked? The source records that brought this identifier and the rule that linked each.' })
  links(@Root() identity: Identity, @Ctx() ctx: Context): Promise<IdentityLink[]> {
    return ctx.loaders.linksByIdentity.load(identity.id);
  }
}
