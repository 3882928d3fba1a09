import { GraphQLJSON } from 'graphql-scalars';
import { MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { TraitType } from '../trait.type.js';

@InputType()
export class TraitInput {
  @Field(() => String, { description: 'Any non-blank text up to 200 characters; stored as a plain key.' }) key: string;
  @Field(() => GraphQLJSON, { nullable: true }) value?: unknown;
  @Field(() => TraitType, { nullable: true, description: "Default: the key's current type, DEMOGRAPHIC for a new key." }) type?: TraitType | null;
  @Field(() => String, { nullable: true }) @MaxLength(200) source?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Keep an existing value instead of overwriting it.' }) setOnce?: boolean | null;
  @Field(() => Date, { nullable: true }) expiresAt?: Date | null;
}
