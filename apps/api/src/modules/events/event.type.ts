import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/page-info.type.js';
import { Allow, Pii } from '../access/access.decorators.js';
import { Permission } from '../access/roles.js';

@ObjectType()
@Allow(Permission.GRAPH_READ)
export class Event {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) messageId: string | null;
  @Field(() => String) type: string;
  @Field(() => String) name: string;
  @Field(() => String) source: string;
  @Pii('json')
  @Field(() => GraphQLJSON) properties: unknown;
  @Pii('json')
  @Field(() => GraphQLJSON, { nullable: true }) context: unknown;
  @Field(() => String, { nullable: true }) anonymousId: string | null;
  @Field(() => String, { nullable: true }) sessionId: string | null;
  @Field(() => String, { nullable: true }) utmSource: string | null;
  @Field(() => String, { nullable: true }) utmMedium: string | null;
  @Field(() => String, { nullable: true }) utmCampaign: string | null;
  @Field(() => Date) occurredAt: Date;
  @Field(() => Date) receivedAt: Date;
  personId: string | null;
}

@ObjectType()
@Allow(Permission.GRAPH_READ)
export class EventEdge {
  @Field(() => String) cursor: string;
  @Field(() => Event) node: Event;
}

@ObjectType()
@Allow(Permission.GRAPH_READ)
export class EventConnection {
  @Field(() => [EventEdge]) edges: EventEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}
