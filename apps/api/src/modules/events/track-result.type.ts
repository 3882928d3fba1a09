import { Field, Int, ObjectType } from 'type-graphql';
import { SignedIn } from '../access/access.decorators.js';

@ObjectType()
@SignedIn()
export class TrackResult {
  @Field(() => Int) accepted: number;
  @Field(() => Int, { description: 'Events whose messageId was already stored (or repeated in the call).' }) duplicates: number;
  @Field(() => Int, { description: "Events not stored because their userId or anonymousId belongs to an erased person (suppressed, as erasure promised)." })
  suppressed: number;
  @Field(() => Int) rejected: number;
  @Field(() => [String], { description: 'One line per rejected event: its position and why.' }) errors: string[];
}
