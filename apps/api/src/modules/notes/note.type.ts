import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A staff note on a person: what was written, by whom, when.' })
export class PersonNote {
  @Field(() => ID) id: string;
  @Field(() => String) body: string;
  @Field(() => String, { description: 'Who wrote it (the acting user when it was added).' }) author: string;
  @Field(() => Date) createdAt: Date;
}
