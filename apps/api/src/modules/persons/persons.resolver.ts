import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { notFound } from '../../graphql/errors.js';
import { decodeTimeIdCursor, pageSize, requireUuid } from '../../graphql/pagination.js';
import { Identity } from '../identity/identity.type.js';
import { IdentityKind } from '../identity/identity-kind.enum.js';
import { IdentityLookupInput } from '../identity/inputs/identity-lookup.input.js';
import { EventConnection } from '../events/event.type.js';
import { Trait } from '../traits/trait.type.js';
import { Consent } from '../consents/consent.type.js';
import { Segment } from '../segments/segment.type.js';
import { EngagementScore, LifetimeValue } from '../value/lifetime-value.type.js';
import { Merge } from '../review/merge.type.js';
import { toPerson } from './person.row.js';
import { Person, PersonConnection } from './person.type.js';
import { PersonsArguments } from './persons.arguments.js';
import { Allow } from '../access/access.decorators.js';
import { AuditAction } from '../access/audit.service.js';
import { Permission } from '../access/roles.js';

@Resolver(() => Person)
export class PersonsResolver {
  @Allow(Permission.GRAPH_READ)
  @Query(() => Person, { nullable: true, description: 'A person by id; an id that was merged away returns the surviving person.' })
  async person(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Person | null> {
    const row = await ctx.loaders.person.load(requireUuid(id, 'Person id'));
    if (!row) throw notFound(`No person with id ${id}`);
    // A 360 with personal data: who looked, and why when the client says (the console sends the page).
    if (ctx.principal.permissions.has(Permission.PII_READ)) {
      const reason = ctx.http?.request.get('x-spine-reason')?.slice(0, 500) ?? null;
      await ctx.services.audit.recordView(ctx.db, { actor: ctx.actor, personId: row.id, reason });
    }
    return { ...toPerson(row), requestedId: row.id === id.toLowerCase() ? null : id.toLowerCase() };
  }

  @Allow(Permission.GRAPH_READ)
  @Query(() => PersonConnection, { description: 'Live persons, most recently seen first; search by name, email, phone or external id.' })
  async persons(@Args(() => PersonsArguments) args: PersonsArguments, @Ctx() ctx: Context): Promise<PersonConnection> {
    const first = pageSize(args.first, ctx.config.maxPageSize);
    const connection = await ctx.services.persons.search(ctx.db, { query: args.query, first, after: args.after });
    // A search by a name, an e-mail or a phone shows who has it: logged (a keyed hash of the text, and whom it found).
    if (args.query?.trim()) {
      await ctx.services.audit.recordSearch(ctx.db, {
        actor: ctx.actor,
        action: AuditAction.SEARCH_PERSONS,
        text: args.query,
        personIds: connection.edges.map((edge) => edge.node.id),
        details: args.after ? { page: 'next' } : undefined,
      });
    }
    return connection;
  }

  @Allow(Permission.GRAPH_READ)
  @Query(() => Person, { nullable: true, description: 'The person an identifier belongs to, normalized as on ingest; null when nobody has it.' })
  async resolvePerson(@Arg('identity', () => IdentityLookupInput) identity: IdentityLookupInput, @Ctx() ctx: Context): Promise<Person | null> {
    const personId = await ctx.services.identityLookup.personIdFor(ctx.db, identity);
    // Whether someone has an identifier is what a lookup tells: logged like a search.
    await ctx.services.audit.recordSearch(ctx.db, {
      actor: ctx.actor,
      action: AuditAction.LOOKUP_PERSON,
      text: identity.value,
      personIds: personId ? [personId] : [],
      details: { kind: identity.kind, ...(identity.provider ? { provider: identity.provider } : {}) },
    });
    if (!personId) return null;
    const row = await ctx.loaders.person.load(personId);
    return row ? toPerson(row) : null;
  }

  @FieldResolver(() => [Identity])
  async identities(@Root() person: Person, @Arg('kind', () => IdentityKind, { nullable: true }) kind: IdentityKind | null, @Ctx() ctx: Context): Promise<Identity[]> {
    const all = await ctx.loaders.identitiesByPerson.load(person.id);
    return kind ? all.filter((identity) => identity.kind === kind) : all;
  }

  @FieldResolver(() => [Trait])
  traits(@Root() person: Person, @Ctx() ctx: Context): Promise<Trait[]> {
    return ctx.loaders.traitsByPerson.load(person.id);
  }

  @FieldResolver(() => Trait, { nullable: true })
  async trait(@Root() person: Person, @Arg('key', () => String) key: string, @Ctx() ctx: Context): Promise<Trait | null> {
    const traits = await ctx.loaders.traitsByPerson.load(person.id);
    return traits.find((trait) => trait.key === key) ?? null;
  }

  @FieldResolver(() => [Consent])
  consents(@Root() person: Person, @Ctx() ctx: Context): Promise<Consent[]> {
    return ctx.loaders.consentsByPerson.load(person.id);
  }

  @FieldResolver(() => EventConnection, { description: 'Events, newest first.' })
  events(
    @Root() person: Person,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('name', () => String, { nullable: true, description: 'Only events whose name starts with this, ignoring case ("order" finds "Order Completed"); empty: all.' })
    name?: string | null,
  ): Promise<EventConnection> {
    return ctx.loaders.eventPage.load({
      personId: person.id,
      first: pageSize(first, ctx.config.maxPageSize),
      after: decodeTimeIdCursor(after),
      name: name?.trim() ? name.trim() : null,
    });
  }

  @FieldResolver(() => [Segment])
  segments(@Root() person: Person, @Ctx() ctx: Context): Promise<Segment[]> {
    return ctx.loaders.segmentsByPerson.load(person.id);
  }

  @FieldResolver(() => LifetimeValue, { nullable: true })
  lifetimeValue(@Root() person: Person, @Ctx() ctx: Context): Promise<LifetimeValue | null> {
    return ctx.loaders.lifetimeValue.load(person.id);
  }

  @FieldResolver(() => EngagementScore, { nullable: true })
  engagement(@Root() person: Person, @Ctx() ctx: Context): Promise<EngagementScore | null> {
    return ctx.loaders.engagement.load(person.id);
  }

  @FieldResolver(() => [Merge])
  mergeHistory(@Root() person: Person, @Ctx() ctx: Context): Promise<Merge[]> {
    return ctx.loaders.mergeHistory.load(person.id);
  }
}
