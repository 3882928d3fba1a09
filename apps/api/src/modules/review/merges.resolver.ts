import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { requireUuid } from '../../graphql/pagination.js';
import { withTransaction } from '../../database/transaction.js';
import { toPerson } from '../persons/person.row.js';
import { Person } from '../persons/person.type.js';
import { toMerge } from './merge.loaders.js';
import { Merge, MergeCandidate, MergeDecision } from './merge.type.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { Allow } from '../access/access.decorators.js';
import { Permission } from '../access/roles.js';
import { AuditAction } from '../access/audit.service.js';

@Resolver()
export class MergesResolver {
  @Allow(Permission.IDENTITY_WRITE)
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
    const row = await withTransaction(ctx.db, async (tx) => {
      const merged = await ctx.services.merges.merge(tx, { sourceId: source, targetId: target, reason, actor: ctx.actor });
      await ctx.services.audit.record(tx, { actor: ctx.actor, action: AuditAction.MERGE, personId: merged.target_person_id, subjectId: merged.id, reason, details: { sourcePersonId: merged.source_person_id } });
      return merged;
    });
    return toMerge(row);
  }

  @Allow(Permission.IDENTITY_WRITE)
  @Mutation(() => Person, { description: 'Undo a merge: the source person comes back with exactly what it brought, plus what arrived for its identifiers since.' })
  async unmerge(@Arg('mergeId', () => ID) mergeId: string, @Ctx() ctx: Context): Promise<Person> {
    const personId = await withTransaction(ctx.db, async (tx) => {
      const id = requireUuid(mergeId, 'mergeId');
      const restored = await ctx.services.merges.unmerge(tx, id, ctx.actor);
      // Filed under the person it was split out of, like the merge it undoes.
      const [merge] = (await tx.query('SELECT target_person_id FROM person_merge WHERE id = $1', [id])) as { target_person_id: string }[];
      await ctx.services.audit.record(tx, { actor: ctx.actor, action: AuditAction.UNMERGE, personId: merge?.target_person_id ?? restored, subjectId: id, details: { restoredPersonId: restored } });
      return restored;
    });
    ctx.loaders.person.clear(personId);
    const row = await ctx.loaders.person.load(personId);
    if (!row) throw notFound(`No person with id ${personId}`);
    return toPerson(row);
  }

  @Allow(Permission.IDENTITY_WRITE)
  @Mutation(() => MergeCandidate, { description: 'Decide a review item: MERGE the persons (and link the records waiting on it), or REJECT (never proposed again).' })
  async decideMergeCandidate(
    @Arg('id', () => ID) id: string,
    @Arg('decision', () => MergeDecision) decision: MergeDecision,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: Context,
  ): Promise<MergeCandidate> {
    if (reason && reason.length > 2000) throw badInput('reason is too long (at most 2,000 characters)');
    return ctx.services.review.decide(ctx.db, { id: requireUuid(id, 'Merge candidate id'), decision, reason, actor: ctx.actor }, (tx, candidate) =>
      ctx.services.audit.record(tx, { actor: ctx.actor, action: AuditAction.DECIDE_MERGE_CANDIDATE, subjectId: candidate.id, reason, details: { decision, personIds: candidate.personIds } }),
    );
  }
}
