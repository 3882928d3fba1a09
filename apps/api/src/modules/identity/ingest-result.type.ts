import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IdentityKind } from './identity-kind.enum.js';
import { SignedIn } from '../access/access.decorators.js';

export enum IngestAction {
  CREATED = 'CREATED',
  LINKED = 'LINKED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  AMBIGUOUS = 'AMBIGUOUS',
  REJECTED = 'REJECTED',
}
registerEnumType(IngestAction, { name: 'IngestAction' });

@ObjectType()
@SignedIn()
export class IngestOutcome {
  @Field(() => String) provider: string;
  @Field(() => String) externalId: string;
  @Field(() => IngestAction) action: IngestAction;
  @Field(() => ID, { nullable: true, description: 'Null when AMBIGUOUS or REJECTED.' }) personId: string | null;
  @Field(() => IdentityKind, { nullable: true, description: 'Which identifier decided the match: EXTERNAL_ID, EMAIL, PHONE, ADDRESS_HASH, or null for a new person.' })
  matchedBy: IdentityKind | null;
  @Field(() => ID, { nullable: true, description: 'Set when the record opened or joined a merge review item.' }) mergeCandidateId: string | null;
  @Field(() => String, { nullable: true, description: 'Why a record was REJECTED (bad input); never silently dropped.' }) error: string | null;
  @Field(() => [String], { description: 'Values of the record that were not usable as identifiers (the record itself was kept).' }) issues: string[];
}

@ObjectType()
@SignedIn()
export class IngestResult {
  @Field(() => Int) fetched: number;
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) linked: number;
  @Field(() => Int) unchanged: number;
  @Field(() => Int) ambiguous: number;
  @Field(() => Int) errors: number;
  @Field(() => Int, { description: 'Persons merged automatically by this ingest.' }) merges: number;
  @Field(() => Int, { description: 'Values newly quarantined as hubs (shared by many unrelated people).' }) quarantined: number;
  @Field(() => [IngestOutcome]) outcomes: IngestOutcome[];
}
