import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { recheckSegmentsNow } from '../segments/segment-recheck.js';
import { badInput } from '../../graphql/errors.js';
import { requireUuid } from '../../graphql/pagination.js';
import { Identity } from './identity.type.js';
import { IngestResult, type IngestAction } from './ingest-result.type.js';
import type { IdentityKind } from './identity-kind.enum.js';
import { IdentityLookupInput } from './inputs/identity-lookup.input.js';
import { IdentityRecordInput } from './inputs/identity-record.input.js';
import { Allow } from '../access/access.decorators.js';
import { bindToSource } from '../access/source-binding.js';
import { Permission } from '../access/roles.js';
import { AuditAction } from '../access/audit.service.js';

/** Records per ingestIdentities call; larger imports go through `spine import` or several calls. */
export const MAX_RECORDS_PER_CALL = 5000;

@Resolver()
export class IdentityMutationsResolver {
  @Allow(Permission.INGEST_WRITE)
  @Mutation(() => IngestResult, { description: 'Resolve source records into persons. Every record gets an outcome; a bad record is REJECTED with its reason and the rest go through.' })
  async ingestIdentities(@Arg('records', () => [IdentityRecordInput]) records: IdentityRecordInput[], @Ctx() ctx: Context): Promise<IngestResult> {
    if (records.length > MAX_RECORDS_PER_CALL) throw badInput(`At most ${MAX_RECORDS_PER_CALL} records per call (got ${records.length}); split the import or use \`spine import\``);
    bindToSource(ctx.principal, records, (record) => record.provider, (record, provider) => (record.provider = provider));
    const result = await ctx.services.identityIngest.ingest(ctx.db, records, { actor: ctx.actor, batchSize: MAX_RECORDS_PER_CALL });
    // Persons this call merged hold both sides' segment stays: evaluated again before it answers.
    if (result.metrics.merges > 0) {
      await recheckSegmentsNow(ctx, [...new Set(result.outcomes.flatMap((outcome) => (outcome.personId ? [outcome.personId] : [])))]);
    }
    return {
      ...result.metrics,
      outcomes: result.outcomes.map((outcome) => ({
        provider: outcome.provider,
        externalId: outcome.externalId,
        action: outcome.action as IngestAction,
        personId: outcome.personId,
        matchedBy: outcome.matchedBy as IdentityKind | null,
        mergeCandidateId: outcome.mergeCandidateId,
        error: outcome.error,
        issues: outcome.issues,
      })),
    };
  }

  @Allow(Permission.IDENTITY_WRITE)
  @Mutation(() => Identity, { description: 'Attach an identifier to a person by hand (normalized as on ingest). Fails when another person holds it: merge instead.' })
  async linkIdentity(@Arg('personId', () => ID) personId: string, @Arg('identity', () => IdentityLookupInput) identity: IdentityLookupInput, @Ctx() ctx: Context): Promise<Identity> {
    const linked = await ctx.services.identity.link(ctx.db, requireUuid(personId, 'personId'), identity, ctx.actor);
    await ctx.services.audit.record(ctx.db, { actor: ctx.actor, action: AuditAction.LINK_IDENTITY, personId: linked.personId, subjectId: linked.id, details: { kind: linked.kind } });
    return linked;
  }

  @Allow(Permission.IDENTITY_WRITE)
  @Mutation(() => Identity, { description: 'Mark an identity as verified (e.g. the person confirmed the email).' })
  async verifyIdentity(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Identity> {
    const identity = await ctx.services.identity.verify(ctx.db, requireUuid(id, 'Identity id'));
    await ctx.services.audit.record(ctx.db, { actor: ctx.actor, action: AuditAction.VERIFY_IDENTITY, personId: identity.personId, subjectId: identity.id, details: { kind: identity.kind } });
    return identity;
  }

  @Allow(Permission.IDENTITY_WRITE)
  @Mutation(() => Identity, { description: "Make this identity the person's primary one of its kind (the person's email/phone follow)." })
  async setPrimaryIdentity(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Identity> {
    const identity = await ctx.services.identity.setPrimary(ctx.db, requireUuid(id, 'Identity id'));
    await ctx.services.audit.record(ctx.db, { actor: ctx.actor, action: AuditAction.SET_PRIMARY_IDENTITY, personId: identity.personId, subjectId: identity.id, details: { kind: identity.kind } });
    return identity;
  }
}
