import { GraphQLJSON } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';

// Field contents are validated by the identity engine, record by record, so that one bad record
// is REJECTED with its reason while the rest of the batch goes through.

@InputType()
export class AddressInput {
  @Field(() => String, { nullable: true }) line1?: string | null;
  @Field(() => String, { nullable: true }) line2?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true }) state?: string | null;
  @Field(() => String, { nullable: true }) postalCode?: string | null;
  @Field(() => String, { nullable: true }) country?: string | null;
}

@InputType({ description: 'One source record from a provider (a Shopify customer, a Stripe customer, an Amazon order, an app user, ...).' })
export class IdentityRecordInput {
  @Field(() => String) provider: string;
  @Field(() => String) externalId: string;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) firstName?: string | null;
  @Field(() => String, { nullable: true }) lastName?: string | null;
  @Field(() => AddressInput, { nullable: true }) address?: AddressInput | null;
  @Field(() => GraphQLJSON, { nullable: true }) traits?: Record<string, unknown> | null;
  @Field(() => Date, { nullable: true }) observedAt?: Date | null;
}
