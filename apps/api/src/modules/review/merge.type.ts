import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Allow, Pii } from '../access/access.decorators.js';
import { Permission } from '../access/roles.js';

export enum MergeCandidateStatus {
  OPEN = 'OPEN',
  MERGED = 'MERGED',
  REJECTED = 'REJECTED',
}
registerEnumType(MergeCandidateStatus, { name: 'MergeCandidateStatus' });

export enum MergeDecision {
  MERGE = 'MERGE',
  REJECT = 'REJECT',
}
registerEnumType(MergeDecision, { name: 'MergeDecision' });

@ObjectType()
@Allow(Permission.GRAPH_READ)
export class MergeEvidence {
  @Field(() => String, { description: 'EMAIL, PHONE, ADDRESS_HASH, EXTERNAL_ID, NAME, ...' }) field: string;
  @Pii('texts')
  @Field(() => [String]) values: string[];
  @Field(() => Boolean, { description: 'true where it speaks for the merge, false where it speaks against it' }) supports: boolean;
  @Pii('text')
  @Field(() => String, { nullable: true }) detail?: string | null;
}

@ObjectType({ description: 'A source record waiting on a merge review item.' })
@Allow(Permission.GRAPH_READ)
export class PendingRecord {
  @Field(() => String) provider: string;
  @Field(() => String) externalId: string;
  @Pii('json')
  @Field(() => GraphQLJSON) payload: unknown;
}

@ObjectType({ description: 'Two or more persons that the evidence says may be one; waits for a person to decide.' })
@Allow(Permission.GRAPH_READ)
export class MergeCandidate {
  @Field(() => ID) id: string;
  @Field(() => MergeCandidateStatus) status: MergeCandidateStatus;
  @Field(() => [MergeEvidence]) evidence: MergeEvidence[];
  @Field(() => Float, { nullable: true }) score: number | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true }) decidedBy: string | null;
  @Field(() => String, { nullable: true }) reason: string | null;
  personIds: string[];
  recordKeys: string[];
}

@ObjectType({ description: 'A merge that happened: who, when, why, and what moved. Reversible with unmerge.' })
@Allow(Permission.GRAPH_READ)
export class Merge {
  @Field(() => ID) id: string;
  @Field(() => ID) sourcePersonId: string;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => String) actor: string;
  @Field(() => Date) mergedAt: Date;
  @Field(() => Date, { nullable: true }) undoneAt: Date | null;
  targetPersonId: string;
}
