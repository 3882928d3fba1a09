// The contract names its scalars DateTime and JSON; type-graphql's default for Date is DateTimeISO.
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';

export const DateTime = DateTimeResolver;
export const JSONScalar = JSONResolver;
export const scalarsMap = [{ type: Date, scalar: DateTimeResolver }];
