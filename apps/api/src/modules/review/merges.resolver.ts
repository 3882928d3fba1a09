import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { requireUuid } from '../../graphql/pagination.js';
import { withTransaction } from '../../database/transaction.js';
import { toPerson } from '../persons/person.row.js';
import { Person } from '../persons/person.type.js';
import { toMerge } from './merge.loaders.js';
import { Merge, MergeCandidate, MergeDecision } from './merge.type.js';
import { badInput, notFound } from '../../graphql/errors.js';

@Resolver()
export class MergesResolver {
  @Mutation(() => Merge, { description: 'Merge source into target: identities, events, traits, consents and memberships move; the source id keeps resolving to the target.' })
  async mergePersons(
    @Arg('sourceId', () => ID) sourceId: string,
    @Arg('targetId', () => ID) targetId: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: Context,
  ): Promise<Merge> {
    if (reason && reason.length > 2000) throw badInput('reason is too long (at most 2,000 characters)');
    const source = requireUuid(sourceId, 'sourceId');
    const target = requireUuid(targetId, 'targetId');
    const row = await withTransaction(ctx.db, (tx) => ctx.services.merges.merge(tx, { sourceId: source, targetId: target, reason, actor: ctx.actor }));
    return toMerge(row);
  }

  @Mutation(() => Person, { description: 'Undo a merge: the source person comes back with exactly what it brought, plus what arrived for its identifiers since.' })
  async unmerge(@Arg('mergeId', () => ID) mergeId: string, @Ctx() ctx: Context): Promise<Person> {
    const personId = await withTransaction(ctx.db, (tx) => ctx.services.merges.unmerge(tx, requireUuid(mergeId, 'mergeId'), ctx.actor));
    ctx.loaders.person.clear(personId);
    const row = await ctx.loaders.person.load(personId);
    if (!row) throw notFound(`No person with id ${personId}`);
    return toPerson(row);
  }

  @Mutation(() => MergeCandidate, { description: 'Decide a review item: MERGE the persons (and link the records waiting on it), or REJECT (never proposed again).' })
  async decideMergeCandidate(
    @Arg('id', () => ID) id: string,
    @Arg('decision', () => MergeDecision) decision: MergeDecision,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: Context,
  ): Promise<MergeCandidate> {
    if (reason && reason.length > 2000) throw badInput('reason is too long (at most 2,000 characters)');
    return ctx.services.review.decide(ctx.db, { id: requireUuid(id, 'Merge candidate id'), decision, reason, actor: ctx.actor });
  }
}
