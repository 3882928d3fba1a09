import { GraphQLJSON } from 'graphql-scalars';
import { MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType()
export class SegmentInput {
  @Field(() => String)
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => String, { nullable: true })
  @MaxLength(2000)
  description?: string | null;

  @Field(() => GraphQLJSON, { description: '{ operator: AND|OR, conditions: [...] }: see segmentFields and docs/segments.md.' })
  rules: unknown;
}
