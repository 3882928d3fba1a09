import { MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IdentityKind } from '../identity-kind.enum.js';

@InputType()
export class IdentityLookupInput {
  @Field(() => IdentityKind) kind: IdentityKind;

  @Field(() => String, { nullable: true, description: 'Required for EXTERNAL_ID, ANONYMOUS_ID and DEVICE_ID.' })
  @MaxLength(100)
  provider?: string | null;

  @Field(() => String, { description: 'Raw or normalized; the server normalizes it the same way as on ingest.' })
  @MinLength(1)
  @MaxLength(512)
  value: string;
}
