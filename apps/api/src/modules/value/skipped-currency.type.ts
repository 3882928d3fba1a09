import { Field, Int, ObjectType } from 'type-graphql';
import { Allow } from '../access/access.decorators.js';
import { Permission } from '../access/roles.js';

@ObjectType({ description: 'Purchase events a recompute left out because their currency has no rate.' })
@Allow(Permission.GRAPH_READ)
export class SkippedCurrency {
  @Field(() => String, { description: 'The currency as the events name it (upper case).' }) currency: string;
  @Field(() => Int) events: number;
}
