import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/page-info.type.js';
import { Allow, Pii } from '../access/access.decorators.js';
import { Permission } from '../access/roles.js';

@ObjectType({ description: 'One human, resolved from every identifier Spine has seen for them.' })
@Allow(Permission.GRAPH_READ)
export class Person {
  @Field(() => ID) id: string;
  @Pii('email')
  @Field(() => String, { nullable: true }) email: string | null;
  @Pii('phone')
  @Field(() => String, { nullable: true }) phone: string | null;
  @Pii('phone')
  @Field(() => String, { nullable: true, description: 'The phone as people read it (+44 20 7946 0958); `phone` is E.164.' })
  phoneDisplay: string | null;
  @Field(() => String, { nullable: true }) firstName: string | null;
  @Field(() => String, { nullable: true }) lastName: string | null;
  @Pii('text')
  @Field(() => String) displayName: string;
  @Field(() => Date) firstSeenAt: Date;
  @Field(() => Date) lastSeenAt: Date;
  /** The id that was asked for, when it was merged away into this person. */
  @Field(() => ID, { nullable: true, description: 'The id this person was requested by, when that id was merged into this one.' })
  requestedId?: string | null;
}

@ObjectType()
@Allow(Permission.GRAPH_READ)
export class PersonEdge {
  @Field(() => String) cursor: string;
  @Field(() => Person) node: Person;
}

@ObjectType()
@Allow(Permission.GRAPH_READ)
export class PersonConnection {
  @Field(() => [PersonEdge]) edges: PersonEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}
