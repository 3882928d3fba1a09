import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Allow } from '../access/access.decorators.js';
import { Permission } from '../access/roles.js';

@ObjectType({ description: "A day of a person's purchases, netted as the value models see it." })
@Allow(Permission.GRAPH_READ)
export class Purchase {
  @Field(() => Date, { description: 'Start of the UTC day.' }) date: Date;
  @Field(() => Float, { description: 'Net amount of the day (refunds are negative).' }) amount: number;
  @Field(() => Int, { description: 'Purchase events with a positive amount that day.' }) orders: number;
  @Field(() => String, { description: 'ISO 4217 code of the amount (SPINE_CURRENCY; purchases in a currency without a rate are left out).' }) currency: string;
}

@ObjectType({ description: "A person's purchase events that no figure counts (purchases, lifetime value), and why." })
@Allow(Permission.GRAPH_READ)
export class PurchasesLeftOut {
  @Field(() => Int, { description: 'Events with an amount in a currency SPINE_CURRENCY_RATES has no rate for.' }) unconvertedEvents: number;
  @Field(() => [String], { description: 'Those currencies, as the events name them, most frequent first.' }) currencies: string[];
  @Field(() => Int, { description: 'Events without a usable amount: missing, not a number, or out of range.' }) withoutAmount: number;
}
