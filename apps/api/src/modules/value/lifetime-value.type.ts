import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Allow } from '../access/access.decorators.js';
import { Permission } from '../access/roles.js';

@ObjectType()
@Allow(Permission.GRAPH_READ)
export class LifetimeValue {
  @Field(() => Float) currentValue: number;
  @Field(() => Float, { nullable: true }) predictedValue: number | null;
  @Field(() => Int) totalPurchases: number;
  @Field(() => Float) averagePurchaseValue: number;
  @Field(() => Float, { nullable: true, description: '0..1' }) churnProbability: number | null;
  @Field(() => Date) computedAt: Date;
  @Field(() => String, { description: 'ISO 4217 code the amounts are in: SPINE_CURRENCY when they were computed (purchases in other currencies converted with SPINE_CURRENCY_RATES).' })
  currency: string;
}

@ObjectType()
@Allow(Permission.GRAPH_READ)
export class EngagementScore {
  @Field(() => Int, { description: '0..100 each' }) overall: number;
  @Field(() => Int) recency: number;
  @Field(() => Int) frequency: number;
  @Field(() => Int) monetary: number;
  @Field(() => Date) computedAt: Date;
}
