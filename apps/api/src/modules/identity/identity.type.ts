import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { IdentityKind } from './identity-kind.enum.js';
import { Allow, Pii } from '../access/access.decorators.js';
import { Permission } from '../access/roles.js';

@ObjectType({ description: 'Why an identifier belongs to its person: the source record that brought it and the rule that linked it.' })
@Allow(Permission.GRAPH_READ)
export class IdentityLink {
  @Field(() => String) provider: string;
  @Field(() => String) externalId: string;
  @Field(() => String, { description: 'EXTERNAL_ID, EMAIL, PHONE, ADDRESS_HASH (the identifier that matched), NEW_PERSON, MANUAL, ...' })
  rule: string;
  @Field(() => Date) linkedAt: Date;
}

@ObjectType({ description: 'One identifier of a person. EMAIL/PHONE/ADDRESS_HASH values are normalized; EXTERNAL_ID values are scoped by provider.' })
@Allow(Permission.GRAPH_READ)
export class Identity {
  @Field(() => ID) id: string;
  @Field(() => IdentityKind) kind: IdentityKind;
  @Field(() => String) provider: string;
  @Pii('identityValue')
  @Field(() => String) value: string;
  @Pii('identityRawValue')
  @Field(() => String, { nullable: true }) rawValue: string | null;
  @Field(() => Boolean) isPrimary: boolean;
  @Field(() => Date, { nullable: true }) verifiedAt: Date | null;
  @Field(() => Date) firstSeenAt: Date;
  @Field(() => Date) lastSeenAt: Date;
  @Pii('json')
  @Field(() => GraphQLJSON, { nullable: true }) metadata: unknown;
  personId: string;
}
