import { Field, Int, ObjectType } from 'type-graphql';
import { LifetimeValueModel } from './lifetime-value-model.type.js';
import { SkippedCurrency } from './skipped-currency.type.js';
import { Allow } from '../access/access.decorators.js';
import { Permission } from '../access/roles.js';

@ObjectType({ description: 'What a recompute of lifetime values and engagement scores wrote.' })
@Allow(Permission.GRAPH_READ)
export class RecomputeResult {
  @Field(() => Int, { description: 'Persons with purchase events: each has a lifetime value and an engagement score now.' }) persons: number;
  @Field(() => Int, { description: 'Of those, persons with at least one purchase day (net amount > 0).' }) customers: number;
  @Field(() => Int, { description: 'Rows removed for persons who no longer have purchase events (or were merged away).' }) removed: number;
  @Field(() => Int, { description: 'Purchase events skipped for lack of a usable amount.' }) skippedEvents: number;
  @Field(() => String, { description: 'ISO 4217 code the values were written in (SPINE_CURRENCY).' }) currency: string;
  @Field(() => Int, { description: 'Purchase events with an amount skipped because their currency has no rate in SPINE_CURRENCY_RATES: counted in nobody\'s value.' })
  skippedCurrencyEvents: number;
  @Field(() => [SkippedCurrency], { description: 'The events of skippedCurrencyEvents by currency, most first.' }) skippedCurrencies: SkippedCurrency[];
  @Field(() => LifetimeValueModel, { nullable: true, description: 'The model fitted for this recompute; null when nobody has purchased.' }) model: LifetimeValueModel | null;
  @Field(() => Int) durationMs: number;
}
