import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { requireUuid } from '../../graphql/pagination.js';

@Resolver()
export class PrivacyResolver {
  @Mutation(() => Boolean, {
    description:
      "Erase a person and everyone merged into them: identities, source records, events, traits, consents, memberships, value, merge history and review items. Their identifiers are kept only as keyed hashes, so that they are refused on re-ingest.",
  })
  async erasePerson(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    const counts = await ctx.services.erasure.erase(ctx.db, requireUuid(id, 'Person id'), ctx.actor);
    ctx.logger.info({ personId: id, actor: ctx.actor, counts }, 'person erased');
    return true;
  }
}
