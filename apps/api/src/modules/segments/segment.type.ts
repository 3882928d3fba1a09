import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Person } from '../persons/person.type.js';
import { IdentityKind } from '../identity/identity-kind.enum.js';
import { Allow, Pii } from '../access/access.decorators.js';
import { Permission } from '../access/roles.js';

export enum SegmentKind {
  DYNAMIC = 'DYNAMIC',
  STATIC = 'STATIC',
}
registerEnumType(SegmentKind, { name: 'SegmentKind', description: 'DYNAMIC: members are whoever matches the rules at the last refresh; STATIC: a fixed list.' });

@ObjectType({ description: "A segment's rules: { operator: AND|OR, conditions: [ condition | nested group ] }, as in SegmentRules docs." })
@Allow(Permission.GRAPH_READ)
export class Segment {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => SegmentKind) kind: SegmentKind;
  // The values conditions on personal fields compare with (an email) are masked without pii:read.
  @Field(() => GraphQLJSON)
  @Pii('ruleValues')
  rules: unknown;
  @Field(() => Int) memberCount: number;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
  @Field(() => Date, { nullable: true }) lastEvaluatedAt: Date | null;
}

@ObjectType()
@Allow(Permission.GRAPH_READ)
export class SegmentPreview {
  @Field(() => Int) count: number;
  @Field(() => [Person]) sample: Person[];
}

@ObjectType({ description: 'A field that segment rules may use, for the builder.' })
@Allow(Permission.GRAPH_READ)
export class SegmentField {
  @Field(() => String) path: string;
  @Field(() => String) label: string;
  @Field(() => String) valueType: string;
  @Field(() => [String]) operators: string[];
  @Field(() => String, { nullable: true, description: 'How the value is computed or shaped, where the label does not say.' }) description?: string | null;
}

@ObjectType()
@Allow(Permission.GRAPH_READ)
export class SegmentRefreshResult {
  @Field(() => Segment) segment: Segment;
  @Field(() => Int) entered: number;
  @Field(() => Int) exited: number;
}

@ObjectType({ description: 'One stay of a person in a segment: re-entering after leaving starts a new one.' })
@Allow(Permission.GRAPH_READ)
export class SegmentMembership {
  @Field(() => Segment) segment: Segment;
  @Field(() => Date) enteredAt: Date;
  @Field(() => Date, { nullable: true }) exitedAt: Date | null;
}

@ObjectType({ description: 'An identifier of a static segment that matched no live person, or could not be read.' })
@Allow(Permission.GRAPH_READ)
export class UnresolvedIdentifier {
  @Field(() => Int, { description: 'Position in the identifiers that were sent.' }) index: number;
  @Field(() => IdentityKind) kind: IdentityKind;
  @Field(() => String) value: string;
  @Field(() => String) reason: string;
}

@ObjectType()
@Allow(Permission.GRAPH_READ)
export class StaticSegmentResult {
  @Field(() => Segment) segment: Segment;
  @Field(() => Int, { description: 'Persons added to (or removed from) the list by this call.' }) changed: number;
  @Field(() => [UnresolvedIdentifier]) unresolved: UnresolvedIdentifier[];
}
