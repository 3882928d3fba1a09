import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Person } from '../persons/person.type.js';

@ObjectType({ description: "A segment's rules: { operator: AND|OR, conditions: [ condition | nested group ] }, as in SegmentRules docs." })
export class Segment {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => GraphQLJSON) rules: unknown;
  @Field(() => Int) memberCount: number;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
  @Field(() => Date, { nullable: true }) lastEvaluatedAt: Date | null;
}

@ObjectType()
export class SegmentPreview {
  @Field(() => Int) count: number;
  @Field(() => [Person]) sample: Person[];
}

@ObjectType({ description: 'A field that segment rules may use, for the builder.' })
export class SegmentField {
  @Field(() => String) path: string;
  @Field(() => String) label: string;
  @Field(() => String) valueType: string;
  @Field(() => [String]) operators: string[];
}

@ObjectType()
export class SegmentRefreshResult {
  @Field(() => Segment) segment: Segment;
  @Field(() => Int) entered: number;
  @Field(() => Int) exited: number;
}
