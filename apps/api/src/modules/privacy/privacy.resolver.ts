import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { requireUuid } from '../../graphql/pagination.js';
import { Allow } from '../access/access.decorators.js';
import { AuditAction } from '../access/audit.service.js';
import { Permission } from '../access/roles.js';

function checkReason(reason: string | null | undefined): void {
  if (reason && reason.length > 2000) throw badInput('reason is too long (at most 2,000 characters)');
}

@Resolver()
export class PrivacyResolver {
  @Allow(Permission.PRIVACY_ERASE)
  @Mutation(() => Boolean, {
    description:
      "Erase a person and everyone merged into them: identities, source records, events, traits, consents, memberships, value, merge history and review items. Their identifiers are kept only as keyed hashes, so that they are refused on re-ingest.",
  })
  async erasePerson(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
    @Arg('reason', () => String, { nullable: true, description: 'Why (e.g. the ticket of the erasure request); kept in the audit log.' }) reason?: string | null,
  ): Promise<boolean> {
    checkReason(reason);
    const counts = await ctx.services.erasure.erase(ctx.db, requireUuid(id, 'Person id'), ctx.actor, (tx, liveId, erased) =>
      ctx.services.audit.record(tx, { actor: ctx.actor, action: AuditAction.ERASE_PERSON, personId: liveId, reason, details: { counts: erased } }),
    );
    ctx.logger.info({ personId: id, actor: ctx.actor, counts }, 'person erased');
    return true;
  }

  @Allow(Permission.PRIVACY_EXPORT)
  @Query(() => GraphQLJSON, {
    description:
      'Everything Spine holds on a person and on everyone merged into them (data subject access request), as one JSON document: person rows, identities with their links and source records, traits, consents with history, events, segment memberships, values, merges, review items and notes.',
  })
  async exportPerson(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
    @Arg('reason', () => String, { nullable: true, description: 'Why (e.g. the ticket of the access request); kept in the audit log.' }) reason?: string | null,
  ): Promise<Record<string, unknown>> {
    checkReason(reason);
    const { personId, document } = await ctx.services.personExport.export(ctx.db, requireUuid(id, 'Person id'));
    await ctx.services.audit.record(ctx.db, { actor: ctx.actor, action: AuditAction.EXPORT_PERSON, personId, reason });
    return document;
  }
}
