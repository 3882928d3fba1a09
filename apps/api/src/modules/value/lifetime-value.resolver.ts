import { Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { FitLifetimeValueModelArguments } from './fit-lifetime-value-model.arguments.js';
import { LifetimeValueModel } from './lifetime-value-model.type.js';
import { RecomputeResult } from './recompute-result.type.js';
import { Allow } from '../access/access.decorators.js';
import { Permission } from '../access/roles.js';

@Resolver()
export class LifetimeValueResolver {
  @Allow(Permission.GRAPH_READ)
  @Query(() => LifetimeValueModel, { nullable: true, description: 'The most recently fitted lifetime-value model; null before the first fit.' })
  lifetimeValueModel(@Ctx() ctx: Context): Promise<LifetimeValueModel | null> {
    return ctx.loaders.latestLifetimeValueModel.load('latest');
  }

  @Allow(Permission.VALUE_WRITE)
  @Mutation(() => LifetimeValueModel, {
    description: 'Fit BG/NBD and Gamma-Gamma on the purchases through calibrationEnd (default now) and keep it as the latest model. Does not rewrite per-person values: see recomputeLifetimeValues.',
  })
  fitLifetimeValueModel(@Args(() => FitLifetimeValueModelArguments) args: FitLifetimeValueModelArguments, @Ctx() ctx: Context): Promise<LifetimeValueModel> {
    return ctx.services.lifetimeValue.fit(ctx.db, { calibrationEnd: args.calibrationEnd, timeUnit: args.timeUnit });
  }

  @Allow(Permission.VALUE_WRITE)
  @Mutation(() => RecomputeResult, { description: "Refit on all purchases and rewrite every person's lifetime value and engagement score now (the scheduled job does the same)." })
  recomputeLifetimeValues(@Ctx() ctx: Context): Promise<RecomputeResult> {
    return ctx.services.lifetimeValue.recompute(ctx.db);
  }
}
