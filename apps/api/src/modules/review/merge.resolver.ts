import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Person } from '../persons/person.type.js';
import { toPerson } from '../persons/person.row.js';
import { Merge } from './merge.type.js';

@Resolver(() => Merge)
export class MergeResolver {
  @FieldResolver(() => Person)
  async targetPerson(@Root() merge: Merge, @Ctx() ctx: Context): Promise<Person> {
    const row = await ctx.loaders.person.load(merge.targetPersonId);
    if (!row) throw new Error(`merge ${merge.id} points at a missing person`);
    return toPerson(row);
  }
}
