import { MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { ConsentPurpose } from '../consent.type.js';

@InputType()
export class ConsentInput {
  @Field(() => ConsentPurpose) purpose: ConsentPurpose;
  @Field(() => Boolean) granted: boolean;
  @Field(() => String, { nullable: true, description: 'Where the decision was taken (a form, a banner, support).' }) @MaxLength(200) source?: string | null;
  @Field(() => Date, { nullable: true, description: 'After this time a grant counts as not granted.' }) expiresAt?: Date | null;
}
