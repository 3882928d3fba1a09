import { MaxLength, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';

@ArgsType()
export class PersonsArguments {
  @Field(() => String, { nullable: true, description: 'Name or email prefix, or an exact email, phone or external id.' })
  @MaxLength(320)
  query?: string | null;

  @Field(() => Int, { nullable: true })
  @Min(0, { message: '"first" must be a non-negative integer' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
