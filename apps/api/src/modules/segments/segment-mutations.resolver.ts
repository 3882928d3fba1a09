import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { IdentityLookupInput } from '../identity/inputs/identity-lookup.input.js';
import { Segment, SegmentRefreshResult, StaticSegmentResult } from './segment.type.js';
import { SegmentInput } from './inputs/segment.input.js';
import { MAX_STATIC_IDENTIFIERS, StaticSegmentInput } from './inputs/static-segment.input.js';
import { Allow } from '../access/access.decorators.js';
import { Permission } from '../access/roles.js';
import { refusePersonalConditions } from './personal-conditions.js';

@Resolver()
export class SegmentMutationsResolver {
  @Allow(Permission.SEGMENTS_WRITE)
  @Mutation(() => Segment, { description: 'Create a dynamic segment from rules; it is evaluated at once.' })
  createSegment(@Arg('input', () => SegmentInput) input: SegmentInput, @Ctx() ctx: Context): Promise<Segment> {
    refusePersonalConditions(ctx.principal, input.rules);
    return ctx.services.segments.create(ctx.db, { ...input, guardsPersonalValues: !ctx.principal.permissions.has(Permission.PII_READ) });
  }

  @Allow(Permission.SEGMENTS_WRITE)
  @Mutation(() => Segment, { description: 'Rename or change the rules of a segment; members are re-evaluated at once (leavers get an exit date), then those of the segments whose rules refer to it.' })
  updateSegment(@Arg('id', () => ID) id: string, @Arg('input', () => SegmentInput) input: SegmentInput, @Ctx() ctx: Context): Promise<Segment> {
    refusePersonalConditions(ctx.principal, input.rules);
    return ctx.services.segments.update(ctx.db, id, { ...input, guardsPersonalValues: !ctx.principal.permissions.has(Permission.PII_READ) });
  }

  @Allow(Permission.SEGMENTS_WRITE)
  @Mutation(() => Boolean, { description: 'Delete a segment and its membership history; false when there was no such segment.' })
  deleteSegment(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.segments.delete(ctx.db, id);
  }

  @Allow(Permission.SEGMENTS_WRITE)
  @Mutation(() => SegmentRefreshResult, { description: 'Re-evaluate a segment now: who entered and who left since the last evaluation. Segments whose rules refer to it are re-evaluated after it.' })
  refreshSegment(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<SegmentRefreshResult> {
    return ctx.services.segments.refreshWithDependents(ctx.db, id);
  }

  @Allow(Permission.SEGMENTS_WRITE)
  @Mutation(() => StaticSegmentResult, { description: 'Create a static segment: a fixed list of persons named by identifiers (e.g. the e-mails of a CSV); lists those that match nobody.' })
  createStaticSegment(@Arg('input', () => StaticSegmentInput) input: StaticSegmentInput, @Ctx() ctx: Context): Promise<StaticSegmentResult> {
    return ctx.services.segments.createStatic(ctx.db, input);
  }

  @Allow(Permission.SEGMENTS_WRITE)
  @Mutation(() => StaticSegmentResult, { description: 'Add persons, named by identifiers, to a static segment.' })
  addToStaticSegment(@Arg('id', () => ID) id: string, @Arg('identifiers', () => [IdentityLookupInput]) identifiers: IdentityLookupInput[], @Ctx() ctx: Context): Promise<StaticSegmentResult> {
    return ctx.services.segments.changeStatic(ctx.db, id, limited(identifiers), 'add');
  }

  @Allow(Permission.SEGMENTS_WRITE)
  @Mutation(() => StaticSegmentResult, { description: 'Remove persons, named by identifiers, from a static segment (their stay gets an exit date).' })
  removeFromStaticSegment(@Arg('id', () => ID) id: string, @Arg('identifiers', () => [IdentityLookupInput]) identifiers: IdentityLookupInput[], @Ctx() ctx: Context): Promise<StaticSegmentResult> {
    return ctx.services.segments.changeStatic(ctx.db, id, limited(identifiers), 'remove');
  }
}

function limited(identifiers: IdentityLookupInput[]): IdentityLookupInput[] {
  if (identifiers.length > MAX_STATIC_IDENTIFIERS) throw badInput(`At most ${MAX_STATIC_IDENTIFIERS} identifiers per call (got ${identifiers.length})`);
  return identifiers;
}
