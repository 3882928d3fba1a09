import { Field, ObjectType } from 'type-graphql';
import { SignedIn } from '../modules/access/access.decorators.js';

@ObjectType()
@SignedIn()
export class PageInfo {
  @Field(() => Boolean) hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}
