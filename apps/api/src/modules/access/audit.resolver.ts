import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { pageSize, requireUuid } from '../../graphql/pagination.js';
import { Allow } from './access.decorators.js';
import { AuditEntry } from './access.types.js';
import { toAuditEntry } from './access.mappers.js';
import { Permission } from './roles.js';

@Resolver()
export class AuditResolver {
  @Query(() => [AuditEntry], { description: 'The audit log, newest first. `before` is the id of the last entry of the previous page.' })
  @Allow(Permission.AUDIT_READ)
  async auditLog(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('before', () => String, { nullable: true }) before?: string | null,
    @Arg('action', () => String, { nullable: true }) action?: string | null,
    @Arg('actor', () => String, { nullable: true }) actor?: string | null,
    @Arg('personId', () => ID, { nullable: true }) personId?: string | null,
    @Arg('searchedFor', () => String, {
      nullable: true,
      description: 'Only the searches (SEARCH_PERSONS, LOOKUP_PERSON) for this text: the log keeps a keyed hash of what was searched, never the text.',
    })
    searchedFor?: string | null,
  ): Promise<AuditEntry[]> {
    if (before != null && !/^\d{1,18}$/.test(before)) throw badInput('`before` must be an audit entry id');
    const rows = await ctx.services.audit.list(ctx.db, {
      first: pageSize(first, ctx.config.maxPageSize),
      before,
      action,
      actor,
      personId: personId ? requireUuid(personId, 'Person id') : null,
      searchedFor: searchedFor?.trim() ? searchedFor : null,
    });
    return rows.map(toAuditEntry);
  }
}
