import { Field, ID, ObjectType } from 'type-graphql';
import { Allow, Pii } from '../access/access.decorators.js';
import { Permission } from '../access/roles.js';

@ObjectType({ description: 'A staff note on a person: what was written, by whom, when.' })
@Allow(Permission.GRAPH_READ)
export class PersonNote {
  @Field(() => ID) id: string;
  @Pii('text')
  @Field(() => String) body: string;
  @Field(() => String, { description: 'Who wrote it (the acting user when it was added).' }) author: string;
  @Field(() => Date) createdAt: Date;
}
