import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { decodeCursor, encodeCursor, pageSize, requireUuid } from '../../graphql/pagination.js';
import { one, rows } from '../../database/sql.js';
import { PERSON_COLUMNS, toPerson, type PersonRow } from '../persons/person.row.js';
import { PersonConnection } from '../persons/person.type.js';
import { SEGMENT_COLUMNS, toSegment, type SegmentRow } from './segment.row.js';
import { GraphQLJSON } from 'graphql-scalars';
import { Segment, SegmentField, SegmentPreview } from './segment.type.js';
import { Allow } from '../access/access.decorators.js';
import { Permission } from '../access/roles.js';
import { operatorsWithoutPii, refusePersonalConditions } from './personal-conditions.js';

@Resolver(() => Segment)
export class SegmentsResolver {
  @Allow(Permission.GRAPH_READ)
  @Query(() => [Segment])
  async segments(@Ctx() ctx: Context): Promise<Segment[]> {
    return (await rows<SegmentRow>(ctx.db, `SELECT ${SEGMENT_COLUMNS} FROM segment s ORDER BY lower(s.name)`)).map(toSegment);
  }

  @Allow(Permission.GRAPH_READ)
  @Query(() => Segment, { nullable: true })
  async segment(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Segment | null> {
    const row = await one<SegmentRow>(ctx.db, `SELECT ${SEGMENT_COLUMNS} FROM segment s WHERE s.id = $1`, [requireUuid(id, 'Segment id')]);
    return row ? toSegment(row) : null;
  }

  @Allow(Permission.GRAPH_READ)
  @Query(() => SegmentPreview, { description: 'Who would match these rules now (count and a sample of the most recently seen), without saving anything: for live feedback in a builder.' })
  previewSegment(@Arg('rules', () => GraphQLJSON, { validate: false }) rules: unknown, @Ctx() ctx: Context): Promise<SegmentPreview> {
    refusePersonalConditions(ctx.principal, rules);
    return ctx.services.segments.preview(ctx.db, rules, { guardsPersonalValues: !ctx.principal.permissions.has(Permission.PII_READ) });
  }

  @Allow(Permission.GRAPH_READ)
  @Query(() => [SegmentField], { description: 'The fields segment rules may use, with their operators; traits are listed per key found in the data.' })
  segmentFields(@Ctx() ctx: Context): Promise<SegmentField[]> {
    const pii = ctx.principal.permissions.has(Permission.PII_READ);
    return ctx.services.segments.fields(ctx.db).then((fields) =>
      fields.map((field) => ({
        path: field.path,
        label: field.label,
        valueType: field.type,
        operators: pii ? [...field.operators] : operatorsWithoutPii(field.path, field.operators),
        description: field.description ?? null,
      })),
    );
  }

  @FieldResolver(() => PersonConnection, { description: 'Current members, in the order they entered.' })
  async members(
    @Root() segment: Segment,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<PersonConnection> {
    const limit = pageSize(first, ctx.config.maxPageSize);
    const cursor = decodeCursor(after, ['number']);
    if (cursor && !Number.isSafeInteger(cursor[0])) throw badInput('Malformed cursor');
    const page = await rows<PersonRow & { membership_id: string }>(
      ctx.db,
      `SELECT m.id AS membership_id, ${PERSON_COLUMNS}
       FROM segment_membership m JOIN person p ON p.id = m.person_id
       WHERE m.segment_id = $1 AND m.exited_at IS NULL AND ($2::bigint IS NULL OR m.id > $2::bigint)
       ORDER BY m.id LIMIT $3`,
      [segment.id, cursor?.[0] ?? null, limit + 1],
    );
    const total = await one<{ count: string }>(ctx.db, 'SELECT count(*) AS count FROM segment_membership WHERE segment_id = $1 AND exited_at IS NULL', [segment.id]);
    const visible = page.slice(0, limit);
    return {
      edges: visible.map((row) => ({ cursor: encodeCursor([Number(row.membership_id)]), node: toPerson(row) })),
      pageInfo: { hasNextPage: page.length > limit, endCursor: visible.length ? encodeCursor([Number(visible[visible.length - 1].membership_id)]) : null },
      totalCount: Number(total?.count ?? 0),
    };
  }
}
