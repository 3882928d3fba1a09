import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Pii, SignedIn } from '../access/access.decorators.js';
import { ConsentPurpose } from './consent-purpose.js';

export { ConsentPurpose };

registerEnumType(ConsentPurpose, { name: 'ConsentPurpose' });

@ObjectType({ description: 'One grant or revocation of a consent purpose, as it was recorded.' })
@SignedIn()
export class ConsentChange {
  @Field(() => Boolean) granted: boolean;
  @Field(() => String, { nullable: true, description: 'Where the decision was taken (a form, a banner, support).' }) source: string | null;
  @Field(() => String, { nullable: true, description: 'The address the decision came from (masked without pii:read).' })
  @Pii('ip')
  ip: string | null;
  @Field(() => Date, { description: 'When the person decided.' }) occurredAt: Date;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
  @Field(() => Date, { description: 'When Spine recorded it.' }) recordedAt: Date;
}

@ObjectType({ description: 'The current state of one consent purpose. An expired grant is served as not granted.' })
@SignedIn()
export class Consent {
  /** Whose consent this is (for its history); not a field. */
  personId: string;
  @Field(() => ConsentPurpose) purpose: ConsentPurpose;
  @Field(() => Boolean) granted: boolean;
  @Field(() => String, { nullable: true }) source: string | null;
  @Field(() => Date) updatedAt: Date;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
}
