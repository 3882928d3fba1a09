import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { SignedIn } from '../access/access.decorators.js';

export enum ConsentPurpose {
  MARKETING_EMAIL = 'MARKETING_EMAIL',
  MARKETING_SMS = 'MARKETING_SMS',
  MARKETING_PUSH = 'MARKETING_PUSH',
  DATA_PROCESSING = 'DATA_PROCESSING',
  THIRD_PARTY_SHARING = 'THIRD_PARTY_SHARING',
  ANALYTICS_TRACKING = 'ANALYTICS_TRACKING',
  PERSONALIZATION = 'PERSONALIZATION',
  PROFILING = 'PROFILING',
}
registerEnumType(ConsentPurpose, { name: 'ConsentPurpose' });

@ObjectType({ description: 'The current state of one consent purpose. An expired grant is served as not granted.' })
@SignedIn()
export class Consent {
  @Field(() => ConsentPurpose) purpose: ConsentPurpose;
  @Field(() => Boolean) granted: boolean;
  @Field(() => String, { nullable: true }) source: string | null;
  @Field(() => Date) updatedAt: Date;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
}
