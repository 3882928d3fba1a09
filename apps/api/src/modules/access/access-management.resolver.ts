// Staff users and API keys: administrators only. Every change is audited.
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { requireUuid } from '../../graphql/pagination.js';
import { Allow } from './access.decorators.js';
import { ApiKey, CreatedApiKey, StaffUser } from './access.types.js';
import { toApiKey, toStaffUser } from './access.mappers.js';
import { ApiKeyError } from './api-keys.service.js';
import { AuditAction } from './audit.service.js';
import { Permission, Role } from './roles.js';
import { StaffUserError } from './staff-users.service.js';

async function asUserInput<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StaffUserError || error instanceof ApiKeyError) throw badInput(error.message);
    throw error;
  }
}

@Resolver()
export class AccessManagementResolver {
  @Query(() => [StaffUser], { description: 'Every staff account.' })
  @Allow(Permission.ACCESS_MANAGE)
  async staffUsers(@Ctx() ctx: Context): Promise<StaffUser[]> {
    return (await ctx.services.staffUsers.list(ctx.db)).map(toStaffUser);
  }

  @Mutation(() => StaffUser, { description: 'Create a staff account with a role. With SPINE_ADMIN_TOKEN this creates the first administrator.' })
  @Allow(Permission.ACCESS_MANAGE)
  async createStaffUser(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String, { description: 'At least 10 characters.' }) password: string,
    @Arg('role', () => Role) role: Role,
    @Arg('name', () => String, { nullable: true }) name: string | null,
    @Ctx() ctx: Context,
  ): Promise<StaffUser> {
    const user = await asUserInput(() => ctx.services.staffUsers.create(ctx.db, { email, password, role, name }, ctx.actor));
    await ctx.services.audit.record(ctx.db, { actor: ctx.actor, action: AuditAction.CREATE_STAFF_USER, subjectId: user.id, details: { email: user.email, role } });
    return toStaffUser(user);
  }

  @Mutation(() => StaffUser, { description: "Change a staff account's role or name, disable or re-enable it, or set a new password. Its sessions end." })
  @Allow(Permission.ACCESS_MANAGE)
  async updateStaffUser(
    @Arg('id', () => ID) id: string,
    @Arg('role', () => Role, { nullable: true }) role: Role | null,
    @Arg('disabled', () => Boolean, { nullable: true }) disabled: boolean | null,
    @Arg('name', () => String, { nullable: true }) name: string | null,
    @Arg('password', () => String, { nullable: true }) password: string | null,
    @Ctx() ctx: Context,
  ): Promise<StaffUser> {
    const userId = requireUuid(id, 'Staff user id');
    const user = await asUserInput(async () => {
      if (password !== null && password !== undefined) await ctx.services.staffUsers.setPassword(ctx.db, userId, password);
      return ctx.services.staffUsers.update(ctx.db, userId, { role, disabled, name });
    });
    await ctx.services.auth.endSessionsOf(ctx.db, userId);
    await ctx.services.audit.record(ctx.db, {
      actor: ctx.actor,
      action: AuditAction.UPDATE_STAFF_USER,
      subjectId: userId,
      details: { role: role ?? undefined, disabled: disabled ?? undefined, passwordChanged: password != null },
    });
    return toStaffUser(user);
  }

  @Query(() => [ApiKey], { description: 'Every API key, revoked ones included (newest first). Secrets are never shown again.' })
  @Allow(Permission.ACCESS_MANAGE)
  async apiKeys(@Ctx() ctx: Context): Promise<ApiKey[]> {
    return (await ctx.services.apiKeys.list(ctx.db)).map(toApiKey);
  }

  @Mutation(() => CreatedApiKey, { description: 'Create an API key. Scopes: graph:read (masked PII), pii:read (with graph:read), ingest:write (optionally bound to one source).' })
  @Allow(Permission.ACCESS_MANAGE)
  async createApiKey(
    @Arg('name', () => String) name: string,
    @Arg('scopes', () => [String]) scopes: string[],
    @Arg('source', () => String, { nullable: true, description: 'Name of the source an ingest:write key sends as.' }) source: string | null,
    @Ctx() ctx: Context,
  ): Promise<CreatedApiKey> {
    const { key, token } = await asUserInput(() => ctx.services.apiKeys.create(ctx.db, { name, scopes, source }, ctx.actor));
    await ctx.services.audit.record(ctx.db, { actor: ctx.actor, action: AuditAction.CREATE_API_KEY, subjectId: key.id, details: { name: key.name, scopes: key.scopes, source: key.source_name } });
    return { apiKey: toApiKey(key), token };
  }

  @Mutation(() => ApiKey, { description: 'Revoke an API key: it stops working at once.' })
  @Allow(Permission.ACCESS_MANAGE)
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ApiKey> {
    const key = await asUserInput(() => ctx.services.apiKeys.revoke(ctx.db, requireUuid(id, 'API key id')));
    ctx.services.auth.forgetCredentials();
    await ctx.services.audit.record(ctx.db, { actor: ctx.actor, action: AuditAction.REVOKE_API_KEY, subjectId: key.id, details: { name: key.name } });
    return toApiKey(key);
  }
}
