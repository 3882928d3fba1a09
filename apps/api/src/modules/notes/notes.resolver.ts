import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { notFound } from '../../graphql/errors.js';
import { requireUuid } from '../../graphql/pagination.js';
import { Person } from '../persons/person.type.js';
import { PersonNote } from './note.type.js';
import { Allow } from '../access/access.decorators.js';
import { Permission } from '../access/roles.js';

@Resolver(() => Person)
export class NotesResolver {
  @FieldResolver(() => [PersonNote], { description: 'Staff notes on this person and on everyone merged into it, newest first.' })
  notes(@Root() person: Person, @Ctx() ctx: Context): Promise<PersonNote[]> {
    return ctx.loaders.notesByPerson.load(person.id);
  }

  @Allow(Permission.PROFILE_WRITE)
  @Mutation(() => PersonNote, { description: 'Add a staff note to a person (a merged-away id adds it to the surviving person). The author is the acting user.' })
  async addPersonNote(@Arg('personId', () => ID) personId: string, @Arg('body', () => String) body: string, @Ctx() ctx: Context): Promise<PersonNote> {
    const person = await ctx.loaders.person.load(requireUuid(personId, 'Person id'));
    if (!person) throw notFound(`No person with id ${personId}`);
    const note = await ctx.services.notes.add(ctx.db, { personId: person.id, body, author: ctx.actor });
    ctx.loaders.notesByPerson.clear(person.id);
    return note;
  }
}
