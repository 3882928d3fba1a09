import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Allow } from '../access/access.decorators.js';
import { Permission } from '../access/roles.js';

@ObjectType({ description: 'A fitted BG/NBD (purchases, dropout) and Gamma-Gamma (spend) model.' })
@Allow(Permission.GRAPH_READ)
export class LifetimeValueModel {
  @Field(() => ID) id: string;
  @Field(() => Float, { description: 'BG/NBD: shape of the purchase-rate distribution.' }) r: number;
  @Field(() => Float, { description: 'BG/NBD: scale of the purchase-rate distribution, in timeUnit.' }) alpha: number;
  @Field(() => Float, { description: 'BG/NBD: dropout Beta(a, b).' }) a: number;
  @Field(() => Float) b: number;
  @Field(() => Float, { nullable: true, description: 'Gamma-Gamma; null when nobody has bought twice.' }) p: number | null;
  @Field(() => Float, { nullable: true }) q: number | null;
  @Field(() => Float, { nullable: true }) gamma: number | null;
  @Field(() => Float, { description: 'BG/NBD log-likelihood at the optimum.' }) logLikelihood: number;
  @Field(() => Float, { nullable: true }) gammaGammaLogLikelihood: number | null;
  @Field(() => Int, { description: 'Customers with at least one purchase day by calibrationEnd.' }) customers: number;
  @Field(() => Int, { description: 'Customers with a repeat purchase and positive repeat spend (the Gamma-Gamma fit).' }) repeatCustomers: number;
  @Field(() => Date, { description: 'Purchases through the UTC day of this instant were used.' }) calibrationEnd: Date;
  @Field(() => String, { description: 'day or week' }) timeUnit: string;
  @Field(() => Boolean, {
    description: 'False when a fit (BG/NBD or Gamma-Gamma) used up its evaluation budget before meeting its tolerances: the parameters are its best point, not a maximum of the likelihood. A recompute writes per-person values from it all the same, and logs a warning with the figures.',
  })
  converged: boolean;
  @Field(() => Date) fittedAt: Date;
}
