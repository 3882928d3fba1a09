import { Field, Int, ObjectType } from 'type-graphql';
import { LifetimeValueModel } from './lifetime-value-model.type.js';
import { Allow } from '../access/access.decorators.js';
import { Permission } from '../access/roles.js';

@ObjectType({ description: 'What a recompute of lifetime values and engagement scores wrote.' })
@Allow(Permission.GRAPH_READ)
export class RecomputeResult {
  @Field(() => Int, { description: 'Persons with purchase events: each has a lifetime value and an engagement score now.' }) persons: number;
  @Field(() => Int, { description: 'Of those, persons with at least one purchase day (net amount > 0).' }) customers: number;
  @Field(() => Int, { description: 'Rows removed for persons who no longer have purchase events (or were merged away).' }) removed: number;
  @Field(() => Int, { description: 'Purchase events skipped for lack of a usable amount.' }) skippedEvents: number;
  @Field(() => LifetimeValueModel, { nullable: true, description: 'The model fitted for this recompute; null when nobody has purchased.' }) model: LifetimeValueModel | null;
  @Field(() => Int) durationMs: number;
}
