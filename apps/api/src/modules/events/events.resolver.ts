import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Person } from '../persons/person.type.js';
import { toPerson } from '../persons/person.row.js';
import { Event } from './event.type.js';
import { EventInput } from './inputs/event.input.js';
import { TrackResult } from './track-result.type.js';
import { Allow } from '../access/access.decorators.js';
import { bindToSource } from '../access/source-binding.js';
import { Permission } from '../access/roles.js';

@Resolver(() => Event)
export class EventsResolver {
  @Allow(Permission.INGEST_WRITE)
  @Mutation(() => TrackResult, { description: 'Store events (deduplicated by messageId). A bad event is rejected with its reason; the others are stored.' })
  trackEvents(@Arg('events', () => [EventInput]) events: EventInput[], @Ctx() ctx: Context): Promise<TrackResult> {
    bindToSource(ctx.principal, events, (event) => event.source, (event, provider) => (event.source = provider));
    return ctx.services.eventTracking.track(ctx.db, events, ctx.actor);
  }

  @FieldResolver(() => Person, { nullable: true, description: 'Who did it; null while the event is not attributed (an anonymous visitor nobody identified yet).' })
  async person(@Root() event: Event, @Ctx() ctx: Context): Promise<Person | null> {
    if (!event.personId) return null;
    const row = await ctx.loaders.person.load(event.personId);
    return row ? toPerson(row) : null;
  }
}
