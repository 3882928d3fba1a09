import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { requireUuid } from '../../graphql/pagination.js';
import { withTransaction } from '../../database/transaction.js';
import { toPerson } from '../persons/person.row.js';
import { recheckSegmentsNow } from '../segments/segment-recheck.js';
import { Person } from '../persons/person.type.js';
import { toMerge } from './merge.loaders.js';
import { Merge, MergeCandidate, MergeDecision } from './merge.type.js';
import { badInput, conflict, notFound } from '../../graphql/errors.js';
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
    @Arg('overrideRejection', () => Boolean, { defaultValue: false, description: 'Merge even though a reviewer decided these two are not the same person.' }) overrideRejection: boolean,
    @Ctx() ctx: Context,
  ): Promise<Merge> {
    if (reason && reason.length > 2000) throw badInput('reason is too long (at most 2,000 characters)');
    const source = requireUuid(sourceId, 'sourceId');
    const target = requireUuid(targetId, 'targetId');
    const row = await withTransaction(ctx.db, async (tx) => {
      // A reviewer's "not the same person" is not overruled by accident.
      const [rejection] = (await tx.query(
        `SELECT to_json(r.created_at) #>> '{}' AS at, c.decided_by, c.reason FROM merge_rejection r LEFT JOIN merge_candidate c ON c.id = r.candidate_id
         WHERE r.person_a = least($1::uuid, $2::uuid) AND r.person_b = greatest($1::uuid, $2::uuid)`,
        [source, target],
      )) as { at: string; decided_by: string | null; reason: string | null }[];
      if (rejection && !overrideRejection) {
        const who = rejection.decided_by ? ` by ${rejection.decided_by}` : '';
        const why = rejection.reason ? ` ("${rejection.reason.slice(0, 200)}")` : '';
        throw conflict(`A reviewer decided these are not the same person (${rejection.at}${who})${why}; pass overrideRejection: true to merge them anyway`);
      }
      const merged = await ctx.services.merges.merge(tx, { sourceId: source, targetId: target, reason, actor: ctx.actor });
      await ctx.services.audit.record(tx, {
        actor: ctx.actor,
        action: AuditAction.MERGE,
        personId: merged.target_person_id,
        subjectId: merged.id,
        reason,
        details: { sourcePersonId: merged.source_person_id, ...(rejection ? { overrodeRejection: true } : {}) },
      });
      return merged;
    });
    await recheckSegmentsNow(ctx, [row.target_person_id, row.source_person_id]);
    return toMerge(row);
  }

  @Allow(Permission.IDENTITY_WRITE)
  @Mutation(() => Person, { description: 'Undo a merge: the source person comes back with exactly what it brought, plus what arrived for its identifiers since.' })
  async unmerge(
    @Arg('mergeId', () => ID) mergeId: string,
    @Ctx() ctx: Context,
    @Arg('reason', () => String, { nullable: true, description: 'Why, for the audit log.' }) reason?: string | null,
  ): Promise<Person> {
    if (reason && reason.length > 2000) throw badInput('reason is too long (at most 2,000 characters)');
    const { personId, targetId } = await withTransaction(ctx.db, async (tx) => {
      const id = requireUuid(mergeId, 'mergeId');
      const restored = await ctx.services.merges.unmerge(tx, id, ctx.actor);
      // Filed under the person it was split out of, like the merge it undoes.
      const [merge] = (await tx.query('SELECT target_person_id FROM person_merge WHERE id = $1', [id])) as { target_person_id: string }[];
      await ctx.services.audit.record(tx, { actor: ctx.actor, action: AuditAction.UNMERGE, personId: merge?.target_person_id ?? restored, subjectId: id, reason: reason ?? null, details: { restoredPersonId: restored } });
      return { personId: restored, targetId: merge?.target_person_id ?? null };
    });
    await recheckSegmentsNow(ctx, targetId ? [personId, targetId] : [personId]);
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
    const decided = await ctx.services.review.decide(ctx.db, { id: requireUuid(id, 'Merge candidate id'), decision, reason, actor: ctx.actor }, (tx, candidate) =>
      ctx.services.audit.record(tx, { actor: ctx.actor, action: AuditAction.DECIDE_MERGE_CANDIDATE, personId: candidate.personIds[0] ?? null, subjectId: candidate.id, reason, details: { decision, personIds: candidate.personIds } }),
    );
    if (decision === MergeDecision.MERGE) await recheckSegmentsNow(ctx, decided.personIds);
    return decided;
  }
}
