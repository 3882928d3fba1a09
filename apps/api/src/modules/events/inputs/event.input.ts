import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';

// Contents are validated event by event (TrackResult.rejected/errors), so that one bad event does
// not fail the others.

@InputType({ description: 'One event. userId is an id of provider `app` unless `source` names another provider.' })
export class EventInput {
  @Field(() => String, { nullable: true, description: 'Deduplication key: the same messageId is stored once.' }) messageId?: string | null;
  @Field(() => ID, { nullable: true }) personId?: string | null;
  @Field(() => String, { nullable: true }) userId?: string | null;
  @Field(() => String, { nullable: true }) anonymousId?: string | null;
  @Field(() => String, { nullable: true, description: 'track (default), page, screen, identify, alias or group.' }) type?: string | null;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) source?: string | null;
  @Field(() => GraphQLJSON, { nullable: true }) properties?: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) context?: unknown;
  @Field(() => Date, { nullable: true }) occurredAt?: Date | null;
}
