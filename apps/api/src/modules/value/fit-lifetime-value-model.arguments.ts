import { IsIn, IsOptional } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';

@ArgsType()
export class FitLifetimeValueModelArguments {
  @Field(() => Date, { nullable: true, description: 'Fit on purchases through the UTC day of this instant; default now.' })
  calibrationEnd?: Date | null;

  @Field(() => String, { nullable: true, description: '"day" or "week"; default SPINE_LTV_TIME_UNIT (week).' })
  @IsOptional()
  @IsIn(['day', 'week'], { message: 'timeUnit must be "day" or "week"' })
  timeUnit?: string | null;
}
