import { Args, Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Person } from '../persons/person.type.js';
import { ExpectedPurchasesArguments } from './expected-purchases.arguments.js';
import { MS_PER_DAY } from './purchase-history.js';
import { Purchase, PurchasesLeftOut } from './purchase.type.js';

// Value fields of Person that the console charts: purchase history and forecast.
@Resolver(() => Person)
export class PersonValueResolver {
  @FieldResolver(() => [Purchase], { description: 'Purchase days, oldest first: same-day purchase events are one entry with their net amount.' })
  async purchases(@Root() person: Person, @Ctx() ctx: Context): Promise<Purchase[]> {
    const days = await ctx.loaders.purchasesByPerson.load({ personId: person.id, definition: ctx.services.lifetimeValue.purchases });
    const { currency } = ctx.services.lifetimeValue;
    return days.flatMap((day) => (day.amount === null ? [] : [{ date: new Date(day.day * MS_PER_DAY), amount: day.amount, orders: day.orders, currency }]));
  }

  @FieldResolver(() => PurchasesLeftOut, { description: 'Purchase events left out of purchases and lifetime value: in a currency without a rate, or without a usable amount.' })
  async purchasesLeftOut(@Root() person: Person, @Ctx() ctx: Context): Promise<PurchasesLeftOut> {
    const days = await ctx.loaders.purchasesByPerson.load({ personId: person.id, definition: ctx.services.lifetimeValue.purchases });
    const byCurrency = new Map<string, number>();
    let withoutAmount = 0;
    for (const day of days) {
      withoutAmount += day.unusable;
      for (const currency of day.unconvertedCurrencies) byCurrency.set(currency, (byCurrency.get(currency) ?? 0) + 1);
    }
    const currencies = [...byCurrency.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([currency]) => currency);
    return { unconvertedEvents: [...byCurrency.values()].reduce((sum, count) => sum + count, 0), currencies, withoutAmount };
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: "Expected purchase days in the next `weeks` weeks (BG/NBD with the latest recompute's model, the one lifetimeValue was written with; history as of now); 0 without purchases, null before the first recompute.",
  })
  async expectedPurchases(@Root() person: Person, @Args(() => ExpectedPurchasesArguments) args: ExpectedPurchasesArguments, @Ctx() ctx: Context): Promise<number | null> {
    // The recompute's model, like lifetimeValue beside it on the 360: a diagnostic fit (another
    // calibration end or time unit) does not change per-person figures.
    const [model, days] = await Promise.all([
      ctx.loaders.latestLifetimeValueModel.load('RECOMPUTE'),
      ctx.loaders.purchasesByPerson.load({ personId: person.id, definition: ctx.services.lifetimeValue.purchases }),
    ]);
    return model ? ctx.services.lifetimeValue.expectedPurchases(model, days, args.weeks) : null;
  }
}
