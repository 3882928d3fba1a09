import { ArrayMaxSize, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IdentityLookupInput } from '../../identity/inputs/identity-lookup.input.js';

export const MAX_STATIC_IDENTIFIERS = 50_000;

@InputType({ description: 'A fixed list of persons, named by their identifiers (e.g. the e-mails or phones of a CSV).' })
export class StaticSegmentInput {
  @Field(() => String)
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => String, { nullable: true })
  @MaxLength(2000)
  description?: string | null;

  @Field(() => [IdentityLookupInput])
  @ArrayMaxSize(MAX_STATIC_IDENTIFIERS)
  @ValidateNested({ each: true })
  identifiers: IdentityLookupInput[];
}
