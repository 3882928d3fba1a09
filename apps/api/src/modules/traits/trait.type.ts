import { GraphQLJSON } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Pii, SignedIn } from '../access/access.decorators.js';

export enum TraitType {
  DEMOGRAPHIC = 'DEMOGRAPHIC',
  BEHAVIORAL = 'BEHAVIORAL',
  COMPUTED = 'COMPUTED',
  TRANSACTIONAL = 'TRANSACTIONAL',
  PREFERENCE = 'PREFERENCE',
  ENGAGEMENT = 'ENGAGEMENT',
  RISK = 'RISK',
  LIFECYCLE = 'LIFECYCLE',
}
registerEnumType(TraitType, { name: 'TraitType' });

@ObjectType()
@SignedIn()
export class Trait {
  @Field(() => String) key: string;
  @Pii('traitValue')
  @Field(() => GraphQLJSON, { nullable: true }) value: unknown;
  @Field(() => TraitType) type: TraitType;
  @Field(() => String, { nullable: true }) source: string | null;
  @Field(() => Date) updatedAt: Date;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
}
