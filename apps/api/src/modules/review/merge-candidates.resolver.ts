import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { decodeCursor, isUuid, pageSize, requireUuid } from '../../graphql/pagination.js';
import { badInput } from '../../graphql/errors.js';
import { one, rows } from '../../database/sql.js';
import { Person } from '../persons/person.type.js';
import { toPerson } from '../persons/person.row.js';
import { MERGE_CANDIDATE_COLUMNS, toMergeCandidate, type MergeCandidateRow } from './merge-candidate.row.js';
import { MergeCandidate, MergeCandidateStatus, PendingRecord } from './merge.type.js';
import { Allow } from '../access/access.decorators.js';
import { Permission } from '../access/roles.js';

@Resolver(() => MergeCandidate)
export class MergeCandidatesResolver {
  @Allow(Permission.GRAPH_READ)
  @Query(() => [MergeCandidate], { description: 'The review queue: highest score first, then oldest. `after` is the id of the last candidate of the previous page.' })
  async mergeCandidates(
    @Ctx() ctx: Context,
    @Arg('status', () => MergeCandidateStatus, { nullable: true }) status?: MergeCandidateStatus | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<MergeCandidate[]> {
    const limit = pageSize(first, ctx.config.maxPageSize);
    let afterId: string | null = null;
    if (after) {
      afterId = isUuid(after) ? after : ((decodeCursor(after, ['string'])?.[0] as string | undefined) ?? null);
      if (!afterId || !isUuid(afterId)) throw badInput('Malformed cursor: pass the id of the last candidate of the previous page');
    }
    const found = await rows<MergeCandidateRow>(
      ctx.db,
      `WITH anchor AS (SELECT coalesce(score, -1) AS score, created_at, id FROM merge_candidate WHERE id = $2::uuid)
       SELECT ${MERGE_CANDIDATE_COLUMNS} FROM merge_candidate c
       WHERE ($1::text IS NULL OR c.status = $1)
         AND ($2::uuid IS NULL OR (-coalesce(c.score, -1), c.created_at, c.id) > (SELECT -score, created_at, id FROM anchor))
       ORDER BY coalesce(c.score, -1) DESC, c.created_at, c.id
       LIMIT $3`,
      [status ?? null, afterId, limit],
    );
    return found.map(toMergeCandidate);
  }

  @Allow(Permission.GRAPH_READ)
  @Query(() => MergeCandidate, { nullable: true })
  async mergeCandidate(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<MergeCandidate | null> {
    const row = await one<MergeCandidateRow>(ctx.db, `SELECT ${MERGE_CANDIDATE_COLUMNS} FROM merge_candidate c WHERE c.id = $1`, [requireUuid(id, 'Merge candidate id')]);
    return row ? toMergeCandidate(row) : null;
  }

  @FieldResolver(() => [Person], { description: 'The persons involved, as they are now (a merged-away person shows as its survivor).' })
  async persons(@Root() candidate: MergeCandidate, @Ctx() ctx: Context): Promise<Person[]> {
    const found = await ctx.loaders.person.loadMany(candidate.personIds);
    const seen = new Set<string>();
    const persons: Person[] = [];
    for (const row of found) {
      if (!row || row instanceof Error || seen.has(row.id)) continue;
      seen.add(row.id);
      persons.push(toPerson(row));
    }
    return persons;
  }

  @FieldResolver(() => [PendingRecord], { description: 'Source records that wait on this decision (not linked to anyone yet).' })
  async pendingRecords(@Root() candidate: MergeCandidate, @Ctx() ctx: Context): Promise<PendingRecord[]> {
    return ctx.loaders.pendingRecordsByCandidate.load(candidate.id);
  }
}
