import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';

@ArgsType()
export class ExpectedPurchasesArguments {
  @Field(() => Int, { defaultValue: 52, description: 'Forecast horizon from now, in weeks (0..520).' })
  @Min(0, { message: 'weeks must be between 0 and 520' })
  @Max(520, { message: 'weeks must be between 0 and 520' })
  weeks: number;
}
