import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Allow, Public } from './access.decorators.js';
import { Permission, Role } from './roles.js';

@ObjectType({ description: 'Who is calling, and what they may do.' })
@Public()
export class Viewer {
  @Field(() => String, { description: 'staff, api-key or admin-token.' }) kind: string;
  @Field(() => String, { description: 'How the audit log names this caller.' }) actor: string;
  @Field(() => Role, { nullable: true }) role: Role | null;
  @Field(() => [String], { description: 'Permissions, e.g. graph:read, pii:read, segments:write.' }) permissions: string[];
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => String, { nullable: true }) name: string | null;
}

@ObjectType({ description: 'A signed-in session. The console keeps it in an HttpOnly cookie; other clients send the token as `Authorization: Bearer <token>`.' })
@Public()
export class SignInResult {
  @Field(() => String) token: string;
  @Field(() => Date) expiresAt: Date;
  @Field(() => Viewer) viewer: Viewer;
}

@ObjectType({ description: 'A staff account.' })
@Allow(Permission.ACCESS_MANAGE)
export class StaffUser {
  @Field(() => ID) id: string;
  @Field(() => String) email: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => Role) role: Role;
  @Field(() => Boolean) disabled: boolean;
  @Field(() => Date) createdAt: Date;
  @Field(() => String) createdBy: string;
  @Field(() => Date, { nullable: true }) lastSignInAt: Date | null;
}

@ObjectType({ description: 'An API key for a server or frontend client. The secret is shown once, at creation.' })
@Allow(Permission.ACCESS_MANAGE)
export class ApiKey {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { description: 'The first characters of the key, to recognise it.' }) prefix: string;
  @Field(() => [String], { description: 'graph:read, pii:read, ingest:write.' }) scopes: string[];
  @Field(() => String, { nullable: true, description: 'The source an ingest:write key sends as.' }) source: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => String) createdBy: string;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;
  @Field(() => Date, { nullable: true }) lastUsedAt: Date | null;
}

@ObjectType()
@Allow(Permission.ACCESS_MANAGE)
export class CreatedApiKey {
  @Field(() => ApiKey) apiKey: ApiKey;
  @Field(() => String, { description: 'The secret: store it now, it cannot be shown again.' }) token: string;
}

@ObjectType({ description: 'One audit log entry: who did what to whom, when and why.' })
@Allow(Permission.AUDIT_READ)
export class AuditEntry {
  @Field(() => ID) id: string;
  @Field(() => Date) at: Date;
  @Field(() => String) actor: string;
  @Field(() => String) action: string;
  @Field(() => ID, { nullable: true }) personId: string | null;
  @Field(() => String, { nullable: true }) subjectId: string | null;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => GraphQLJSON) details: Record<string, unknown>;
}
