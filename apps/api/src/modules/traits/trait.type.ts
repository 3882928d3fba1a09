import { GraphQLJSON } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';

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
export class Trait {
  @Field(() => String) key: string;
  @Field(() => GraphQLJSON, { nullable: true }) value: unknown;
  @Field(() => TraitType) type: TraitType;
  @Field(() => String, { nullable: true }) source: string | null;
  @Field(() => Date) updatedAt: Date;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
}
