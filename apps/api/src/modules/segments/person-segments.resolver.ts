import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Person } from '../persons/person.type.js';
import { SegmentMembership } from './segment.type.js';

@Resolver(() => Person)
export class PersonSegmentsResolver {
  @FieldResolver(() => [SegmentMembership], { description: 'Every stay in a segment, current (no exitedAt) and past, newest first.' })
  segmentHistory(@Root() person: Person, @Ctx() ctx: Context): Promise<SegmentMembership[]> {
    return ctx.loaders.segmentHistoryByPerson.load(person.id);
  }
}
